/** Shell additions (phone menu of the desktop-only sections) — Romanian, the source of the keys. */
const shell = { more: 'Mai multe secțiuni' };
export default shell;
export type ShellMessages = typeof shell;
