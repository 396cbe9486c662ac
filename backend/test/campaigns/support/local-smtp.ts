import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { rcptTo: string[]; raw: string; parsed: ParsedMail };
export type LocalSmtp = { port: number; received: ReceivedMail[]; close(): Promise<void> };

/** A real SMTP server (smtp-server) on 127.0.0.1 without TLS or auth; every message is parsed with mailparser. */
export async function startLocalSmtp(): Promise<LocalSmtp> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed }))
          .finally(() => callback());
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export function emailAccountConfig(port: number) {
  return {
    fromAddress: 'consultanta@centru.md',
    fromName: 'Centrul de Consultanță',
    messageIdDomain: 'crm.centru.md',
    smtp: { host: '127.0.0.1', port, secure: false, ignoreTLS: true },
  };
}
