import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type ReceivedAmiAction = Record<string, string>;

export type FakeAmiServerOptions = {
  /** A .raw capture: greeting line, login response (ActionID capture-login), then events. */
  transcript: Buffer;
  /** How many pieces to cut the event bytes into (exercises the client's stream reassembly). */
  chunks?: number;
  /** Reject logins with this message instead of accepting them. */
  rejectLoginWith?: string;
};

/**
 * A loopback AMI server that answers the client's own Login ActionID like the capture did and
 * then replays the captured event bytes. Records every action it receives.
 */
export class FakeAmiServer {
  readonly actions: ReceivedAmiAction[] = [];
  readonly sockets = new Set<Socket>();
  connectionCount = 0;
  private readonly server: Server;
  private readonly greeting: string;
  private readonly loginResponse: string;
  private readonly eventBytes: Buffer;
  private readonly replays = new Map<Socket, Promise<void>>();

  constructor(private readonly options: FakeAmiServerOptions) {
    const text = options.transcript.toString('latin1');
    const greetingEnd = text.indexOf('\r\n') + 2;
    const loginEnd = text.indexOf('\r\n\r\n', greetingEnd) + 4;
    this.greeting = text.slice(0, greetingEnd);
    this.loginResponse = text.slice(greetingEnd, loginEnd);
    this.eventBytes = options.transcript.subarray(loginEnd);
    this.server = createServer((socket) => this.accept(socket));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Drops every open client connection, as a restarting Asterisk would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.connectionCount += 1;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(this.greeting);
    let pending = '';
    socket.on('data', (data) => {
      pending += data.toString('utf8');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        const action = parseAction(pending.slice(0, end));
        pending = pending.slice(end + 4);
        this.actions.push(action);
        this.respond(socket, action);
      }
    });
  }

  private respond(socket: Socket, action: ReceivedAmiAction): void {
    const actionId = action.actionid ?? '';
    if (action.action?.toLowerCase() === 'login') {
      if (this.options.rejectLoginWith) {
        socket.write(`Response: Error\r\nActionID: ${actionId}\r\nMessage: ${this.options.rejectLoginWith}\r\n\r\n`);
        return;
      }
      socket.write(this.loginResponse.replace('ActionID: capture-login', `ActionID: ${actionId}`));
      this.replays.set(
        socket,
        this.replayEvents(socket).finally(() => this.replays.delete(socket)),
      );
      return;
    }
    if (action.action?.toLowerCase() === 'originate') {
      this.writeWhole(
        socket,
        `Response: Success\r\nActionID: ${actionId}\r\nMessage: Originate successfully queued\r\n\r\n`,
      );
    }
  }

  /** Asterisk never interleaves messages: hold a response until the replay reaches its end. */
  private writeWhole(socket: Socket, message: string): void {
    const replay = this.replays.get(socket);
    if (replay) void replay.then(() => socket.write(message));
    else socket.write(message);
  }

  private async replayEvents(socket: Socket): Promise<void> {
    const pieces = this.options.chunks ?? 7;
    const size = Math.ceil(this.eventBytes.length / pieces);
    for (let offset = 0; offset < this.eventBytes.length; offset += size) {
      if (socket.destroyed) return;
      socket.write(this.eventBytes.subarray(offset, offset + size));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** Action headers keyed by lower-cased name (AMI header names are case-insensitive). */
function parseAction(block: string): ReceivedAmiAction {
  const action: ReceivedAmiAction = {};
  for (const line of block.split('\r\n')) {
    const separator = line.indexOf(': ');
    if (separator > 0) action[line.slice(0, separator).toLowerCase()] = line.slice(separator + 2);
  }
  return action;
}
