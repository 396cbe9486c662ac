import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';

export type MailboxMessage = { raw: string; flags?: string[]; internaldate?: string };

type HoodiecrowServer = {
  server: Server;
  listen(port: number, host: string, done: () => void): void;
  close(done: () => void): void;
};
type Hoodiecrow = (options: {
  plugins: string[];
  storage: Record<string, { messages: MailboxMessage[] }>;
}) => HoodiecrowServer;

export type LocalImapServer = { port: number; close(): Promise<void> };

/**
 * A real IMAP4rev1 server (hoodiecrow-imap, by the imapflow author) on 127.0.0.1:0 serving INBOX
 * from memory. Login: testuser / testpass.
 */
export async function startLocalImapServer(inbox: MailboxMessage[]): Promise<LocalImapServer> {
  const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as Hoodiecrow;
  const server = hoodiecrow({ plugins: ['ID', 'ENABLE', 'UNSELECT'], storage: { INBOX: { messages: inbox } } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
