import type { ShellMessages } from './shell.ro';

const shell: ShellMessages = { more: 'Другие разделы' };
export default shell;
