import type { ShellMessages } from './shell.ro';

const shell: ShellMessages = { more: 'More sections' };
export default shell;
