import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { startFakeProviderApi, type FakeProviderApi } from '../../conversations/support/fake-provider-api.js';

export type LocalSmtp = {
  port: number;
  received: { rcptTo: string[]; authUser?: string; mail: ParsedMail }[];
  close(): Promise<void>;
};

/** A real SMTP server (smtp-server) on 127.0.0.1 that requires AUTH and keeps every message, parsed. */
export async function startLocalSmtp(credentials: { user: string; pass: string }): Promise<LocalSmtp> {
  const received: LocalSmtp['received'] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            authUser: typeof session.user === 'string' ? session.user : undefined,
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The Telegram Bot API's sendMessage as documented (POST /bot<token>/sendMessage → { ok, result: Message }). */
export function startFakeBotApi(): Promise<FakeProviderApi> {
  let messageId = 100;
  return startFakeProviderApi((req) => {
    if (!req.pathname.endsWith('/sendMessage'))
      return { status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } };
    const body = JSON.parse(req.body.toString('utf8')) as { chat_id: string | number; text: string };
    return {
      body: {
        ok: true,
        result: {
          message_id: ++messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(body.chat_id), type: 'private' },
          text: body.text,
        },
      },
    };
  });
}
