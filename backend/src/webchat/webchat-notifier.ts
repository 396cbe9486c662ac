import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { Namespace } from 'socket.io';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RedisConnections } from '../redis/redis.module.js';
import { WEBCHAT_NAMESPACE, webchatVisitorRoom } from './webchat-rooms.js';

type Target = { emit(event: string, ...args: unknown[]): unknown };

/** Pushes to web-chat visitors: through the gateway in API processes, through the Redis emitter in workers. */
@Injectable()
export class WebchatNotifier implements OnModuleInit {
  private emitter?: Emitter;
  namespace?: Namespace;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnections,
  ) {}

  onModuleInit(): void {
    if (this.config.processRole === 'worker') this.emitter = new Emitter(this.redis.main).of(WEBCHAT_NAMESPACE);
  }

  toVisitor(channelAccountId: string, visitorId: string, event: string, payload: unknown): void {
    const room = webchatVisitorRoom(channelAccountId, visitorId);
    const target = (this.emitter ? this.emitter.to(room) : this.namespace?.to(room)) as Target | undefined;
    target?.emit(event, payload);
  }
}
