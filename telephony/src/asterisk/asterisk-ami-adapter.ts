import { randomUUID } from 'node:crypto';
import { ListenerList } from '../listener-list.js';
import type {
  AgentStatusListener,
  CallEventListener,
  OriginateRequest,
  OriginateResult,
  TelephonyAdapter,
} from '../telephony-adapter.js';
import { AmiCallTracker } from './ami-call-tracker.js';
import { amiText, type AmiEvent } from './ami-event.js';
import { buildOriginateAction } from './ami-originate-action.js';
import type { AmiConnectionState, AsteriskAmiConfig } from './asterisk-ami-config.js';
import { newAsteriskManagerConnection, type AsteriskManagerConnection } from './asterisk-manager-client.js';
import { ExponentialBackoff } from './exponential-backoff.js';

/**
 * Asterisk over AMI: keeps one logged-in asterisk-manager connection (a fresh client per attempt,
 * exponential backoff between attempts), feeds every event to an AmiCallTracker, and originates
 * calls with the AMI Originate action.
 */
export class AsteriskAmiAdapter implements TelephonyAdapter {
  readonly name = 'asterisk';
  readonly tracker: AmiCallTracker;
  private readonly backoff: ExponentialBackoff;
  private readonly connectionListeners = new ListenerList<AmiConnectionState>();
  private connection?: AsteriskManagerConnection;
  private loggedIn = false;
  private running = false;
  private retryTimer?: NodeJS.Timeout;
  private connectedWaiters: Array<() => void> = [];

  constructor(private readonly config: AsteriskAmiConfig) {
    this.tracker = new AmiCallTracker(config.tracker);
    this.backoff = new ExponentialBackoff(config.reconnect);
  }

  onEvent(listener: CallEventListener): void {
    this.tracker.onEvent(listener);
  }

  onAgentStatus(listener: AgentStatusListener): void {
    this.tracker.onAgentStatus(listener);
  }

  onConnectionState(listener: (state: AmiConnectionState) => void): void {
    this.connectionListeners.add(listener);
  }

  /** Starts connecting in the background; `connected()` resolves once logged in. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.loggedIn = false;
    if (connection) await new Promise<void>((resolve) => connection.disconnect(resolve));
  }

  isConnected(): boolean {
    return this.loggedIn;
  }

  /** Resolves when the adapter is logged in to AMI (immediately if it already is). */
  connected(): Promise<void> {
    if (this.loggedIn) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  async originate(request: OriginateRequest): Promise<OriginateResult> {
    const connection = this.connection;
    if (!connection || !this.loggedIn) {
      throw new Error('Asterisk AMI is not connected: check the AMI host, port and credentials, then retry.');
    }
    const callId = `crm-${randomUUID()}`;
    const action = buildOriginateAction(
      request,
      {
        context: this.config.originateContext ?? 'from-internal',
        technology: this.config.agentTechnology ?? 'PJSIP',
        ringTimeoutMs: this.config.originateRingTimeoutMs ?? 30_000,
      },
      callId,
    );
    await this.sendAction(connection, action);
    return { callId };
  }

  private connect(): void {
    if (!this.running) return;
    const { host, port, username, secret } = this.config;
    const connection = newAsteriskManagerConnection(host, username, secret);
    this.connection = connection;
    this.connectionListeners.emit({ state: 'connecting' });
    connection.on('managerevent', (event) => this.tracker.handle(event));
    connection.on('close', () => this.handleConnectionLost(connection, 'AMI connection closed'));
    connection.connect(port, host, () => this.login(connection));
  }

  private login(connection: AsteriskManagerConnection): void {
    const timeout = setTimeout(() => {
      connection.disconnect();
      this.handleConnectionLost(connection, 'AMI login timed out');
    }, this.actionTimeoutMs());
    connection.login((error) => {
      clearTimeout(timeout);
      if (connection !== this.connection) return;
      if (error) {
        connection.disconnect();
        const message = amiText(error, 'Message') ?? 'rejected';
        this.handleConnectionLost(connection, `AMI login failed (${message}): check the AMI username and secret`);
        return;
      }
      this.loggedIn = true;
      this.backoff.reset();
      this.connectionListeners.emit({ state: 'connected' });
      const waiters = this.connectedWaiters;
      this.connectedWaiters = [];
      for (const resolve of waiters) resolve();
    });
  }

  /** Called for close, login failure and login timeout; schedules exactly one retry per connection. */
  private handleConnectionLost(connection: AsteriskManagerConnection, reason: string): void {
    if (connection !== this.connection) return;
    this.connection = undefined;
    this.loggedIn = false;
    connection.removeAllListeners();
    connection.on('error', () => undefined);
    if (!this.running) return;
    const retryInMs = this.backoff.nextDelayMs();
    this.connectionListeners.emit({ state: 'disconnected', reason, retryInMs });
    this.retryTimer = setTimeout(() => this.connect(), retryInMs);
  }

  private sendAction(
    connection: AsteriskManagerConnection,
    action: Parameters<AsteriskManagerConnection['action']>[0],
  ) {
    return new Promise<AmiEvent | undefined>((resolve, reject) => {
      const timeout = setTimeout(
        () => reject(new Error(`Asterisk did not answer the ${String(action.action)} action in time; retry.`)),
        this.actionTimeoutMs(),
      );
      connection.action(action, (error, response) => {
        clearTimeout(timeout);
        if (error) {
          const message = amiText(error, 'Message') ?? 'unknown error';
          reject(new Error(`Asterisk rejected ${String(action.action)}: ${message}`));
        } else {
          resolve(response);
        }
      });
    });
  }

  private actionTimeoutMs(): number {
    return this.config.actionTimeoutMs ?? 10_000;
  }
}
