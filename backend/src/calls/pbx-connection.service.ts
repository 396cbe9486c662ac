import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RedisConnections } from '../redis/redis.module.js';
import { CallEventsService } from './call-events.service.js';
import type { CallEvent } from './call-event.js';
import { PbxAdapterFactory } from './pbx-adapter.factory.js';
import { PbxLeaderLock } from './pbx-leader-lock.js';
import type { PbxAdapter } from './call-event.js';

const LOCK_TTL_MS = 15_000;
const ORIGINATE_TIMEOUT_MS = 10_000;

type OriginateRequest = { fromExtension: string; to: string; callerId?: string };

/**
 * Connects the configured PBX to CallEventsService. Asterisk keeps one AMI event connection for the whole cluster:
 * a Redis leader lock decides which node holds it; the others stand by, take over when the leader stops renewing,
 * and forward click-to-call requests to the leader over Redis pub/sub. Webhook PBXs (Twilio, cloud PBX) need no
 * leader: every node verifies and ingests what it receives.
 */
@Injectable()
export class PbxConnectionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private adapter: PbxAdapter | null = null;
  private lock?: PbxLeaderLock;
  private subscriber?: Redis;
  private readonly pendingReplies = new Map<string, (reply: { callId?: string; error?: string }) => void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly redis: RedisConnections,
    private readonly events: CallEventsService,
    private readonly factory: PbxAdapterFactory,
  ) {}

  get kind(): AppConfig['telephony']['adapter'] {
    return this.config.telephony.adapter;
  }

  get isLeader(): boolean {
    return this.lock?.isLeader ?? false;
  }

  /** The adapter instance of a webhook PBX (Twilio, cloud PBX); null for none/asterisk. */
  webhookAdapter(): PbxAdapter | null {
    return this.kind === 'twilio' || this.kind === 'cloud-pbx' ? this.adapter : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.kind === 'none' || this.config.processRole === 'worker') return;
    if (this.kind !== 'asterisk') {
      // Webhook PBXs: the webhook controllers ingest what handleWebhook returns, awaiting it before answering.
      this.adapter = this.factory.create(this.config);
      return;
    }
    await this.listenForOriginates();
    this.lock = new PbxLeaderLock(
      this.redis.main,
      `${this.config.redis.queuePrefix}:telephony:leader`,
      LOCK_TTL_MS,
      (leader) => void this.onLeadership(leader),
    );
    this.lock.start();
  }

  private feed(event: CallEvent): void {
    this.events
      .ingest(event)
      .catch((error: Error) =>
        this.logger.error(
          { err: error.message, pbx: event.pbx, providerCallId: event.callId, kind: event.kind },
          'call event could not be stored',
        ),
      );
  }

  private async onLeadership(leader: boolean): Promise<void> {
    if (leader) {
      this.logger.info({ pbx: this.kind }, 'this node now holds the PBX connection');
      const adapter = this.factory.create(this.config);
      if (!adapter) return;
      adapter.onEvent((event) => this.feed(event));
      this.adapter = adapter;
      await adapter
        .start()
        .catch((error: Error) => this.logger.error({ err: error.message }, 'PBX adapter did not start'));
    } else if (this.adapter) {
      this.logger.warn({ pbx: this.kind }, 'this node lost the PBX leadership; standing by');
      const adapter = this.adapter;
      this.adapter = null;
      await adapter.stop().catch(() => undefined);
    }
  }

  /** Click-to-call from `fromExtension`; on a stand-by Asterisk node the leader places it. */
  async originate(request: OriginateRequest): Promise<{ callId?: string }> {
    if (this.kind === 'none')
      throw new ApiError(
        503,
        'telephony_disabled',
        'No PBX is configured (TELEPHONY_ADAPTER=none); ask an administrator.',
      );
    if (this.adapter)
      return this.adapter.originate(request).catch((error: Error) => {
        throw new ApiError(502, 'pbx_refused', `The PBX did not place the call: ${error.message}`);
      });
    if (this.kind !== 'asterisk')
      throw new ApiError(503, 'pbx_unavailable', 'The PBX connection is not ready; try again in a moment.');
    return this.forwardToLeader(request);
  }

  private async listenForOriginates(): Promise<void> {
    const prefix = this.config.redis.queuePrefix;
    this.subscriber = this.redis.create('telephony-originate');
    await this.subscriber.subscribe(`${prefix}:telephony:originate`, `${prefix}:telephony:originate-reply`);
    this.subscriber.on('message', (channel: string, message: string) => {
      const data = JSON.parse(message) as { id: string; request?: OriginateRequest; callId?: string; error?: string };
      if (channel.endsWith(':originate-reply')) return this.pendingReplies.get(data.id)?.(data);
      if (!this.adapter || !data.request) return;
      this.adapter
        .originate(data.request)
        .then(
          (result) => ({ id: data.id, callId: result.callId }),
          (error: Error) => ({ id: data.id, error: error.message }),
        )
        .then((reply) => this.redis.main.publish(`${prefix}:telephony:originate-reply`, JSON.stringify(reply)));
    });
  }

  private forwardToLeader(request: OriginateRequest): Promise<{ callId?: string }> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingReplies.delete(id);
        reject(
          new ApiError(503, 'pbx_unavailable', 'No node is connected to the PBX right now; try again in a moment.'),
        );
      }, ORIGINATE_TIMEOUT_MS);
      this.pendingReplies.set(id, (reply) => {
        clearTimeout(timer);
        this.pendingReplies.delete(id);
        if (reply.error) reject(new ApiError(502, 'pbx_refused', `The PBX did not place the call: ${reply.error}`));
        else resolve({ callId: reply.callId });
      });
      void this.redis.main.publish(
        `${this.config.redis.queuePrefix}:telephony:originate`,
        JSON.stringify({ id, request }),
      );
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lock?.stop();
    await this.adapter?.stop().catch(() => undefined);
    this.adapter = null;
    await this.subscriber?.quit().catch(() => undefined);
  }
}
