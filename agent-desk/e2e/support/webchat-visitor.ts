import { io, type Socket } from 'socket.io-client';

export type WebchatVisitor = {
  send(text: string, contact?: { name?: string; phone?: string }): Promise<{ ok: boolean; messageId?: string }>;
  typing(typing: boolean): void;
  /** Resolves with the first consultant message the widget receives that passes `match`. */
  nextReply(match: (text: string) => boolean, timeoutMs?: number): Promise<{ text: string; direction: string }>;
  close(): void;
};

/** A website visitor talking through the real web-chat widget protocol (namespace /webchat), as chat.js does. */
export async function connectWebchatVisitor(baseUrl: string, accountToken: string): Promise<WebchatVisitor> {
  const socket: Socket = io(`${baseUrl}/webchat`, {
    path: '/socket.io',
    auth: { account: accountToken },
    transports: ['websocket'],
  });
  const replies: Array<{ text: string; direction: string }> = [];
  socket.on('webchat:message', (m: { text?: string; direction?: string }) =>
    replies.push({ text: m.text ?? '', direction: m.direction ?? '' }),
  );
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('The web chat did not answer webchat:ready')), 10_000);
    socket.once('webchat:ready', () => {
      clearTimeout(timer);
      done();
    });
    socket.once('connect_error', (e) => fail(e));
  });
  return {
    send: (text, contact = {}) => socket.timeout(10_000).emitWithAck('webchat:send', { text, ...contact }),
    typing: (typing) => void socket.emit('webchat:typing', { typing }),
    async nextReply(match, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = replies.find((r) => r.direction === 'out' && match(r.text));
        if (found) return found;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`No consultant reply reached the visitor; got ${JSON.stringify(replies)}`);
    },
    close: () => void socket.close(),
  };
}
