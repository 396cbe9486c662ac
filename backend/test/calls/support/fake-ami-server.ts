import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** ../shared/fixtures beside the repository (as in CI's checkout). */
export const sharedFixtures = fileURLToPath(new URL('../../../../../shared/fixtures/', import.meta.url));

const GOODBYE = 'Response: Goodbye\r\nActionID: capture-logoff\r\nMessage: Thanks for all the fish.\r\n\r\n';

/** Greeting + login response of a capture, and its event bytes without the closing logoff response. */
function splitCapture(raw: Buffer): { header: string; events: string } {
  const text = raw.toString('latin1');
  const greetingEnd = text.indexOf('\r\n') + 2;
  const loginEnd = text.indexOf('\r\n\r\n', greetingEnd) + 4;
  let events = text.slice(loginEnd);
  if (events.endsWith(GOODBYE)) events = events.slice(0, -GOODBYE.length);
  return { header: text.slice(0, loginEnd), events };
}

/** Several real captures played back to back in one AMI session (the order of the list). */
export function combinedAmiCapture(names: string[]): Buffer {
  const parts = names.map((name) => splitCapture(readFileSync(`${sharedFixtures}ami/${name}.raw`)));
  return Buffer.from(parts[0].header + parts.map((p) => p.events).join('') + GOODBYE, 'latin1');
}

/**
 * A loopback AMI server (same approach as telephony/test/support/fake-ami-server.ts): accepts the Login with the
 * client's ActionID, replays the captured event bytes in chunks, records every action (Originate included).
 */
export class FakeAmiServer {
  readonly actions: Record<string, string>[] = [];
  private readonly server: Server;
  private readonly greeting: string;
  private readonly loginResponse: string;
  private readonly eventBytes: Buffer;
  private readonly sockets = new Set<Socket>();
  private replaying: Promise<void> = Promise.resolve();
  private released!: () => void;
  /** The replay waits for `release()` (so a test can connect its desks first). */
  private readonly gate = new Promise<void>((resolve) => (this.released = resolve));

  constructor(transcript: Buffer) {
    const text = transcript.toString('latin1');
    const greetingEnd = text.indexOf('\r\n') + 2;
    const loginEnd = text.indexOf('\r\n\r\n', greetingEnd) + 4;
    this.greeting = text.slice(0, greetingEnd);
    this.loginResponse = text.slice(greetingEnd, loginEnd);
    this.eventBytes = transcript.subarray(loginEnd);
    this.server = createServer((socket) => this.accept(socket));
  }

  release(): void {
    this.released();
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(this.greeting);
    let pending = '';
    socket.on('data', (data) => {
      pending += data.toString('utf8');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        const action: Record<string, string> = {};
        for (const line of pending.slice(0, end).split('\r\n')) {
          const separator = line.indexOf(': ');
          if (separator > 0) action[line.slice(0, separator).toLowerCase()] = line.slice(separator + 2);
        }
        pending = pending.slice(end + 4);
        this.actions.push(action);
        const id = action.actionid ?? '';
        if (action.action?.toLowerCase() === 'login') {
          socket.write(this.loginResponse.replace('ActionID: capture-login', `ActionID: ${id}`));
          this.replaying = this.replay(socket);
        } else if (action.action?.toLowerCase() === 'originate') {
          // Asterisk never interleaves messages: answer once the replayed bytes are out.
          void this.replaying.then(() =>
            socket.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Originate successfully queued\r\n\r\n`),
          );
        }
      }
    });
  }

  private async replay(socket: Socket): Promise<void> {
    await this.gate;
    const size = 4096;
    for (let offset = 0; offset < this.eventBytes.length; offset += size) {
      if (socket.destroyed) return;
      socket.write(this.eventBytes.subarray(offset, offset + size));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}
