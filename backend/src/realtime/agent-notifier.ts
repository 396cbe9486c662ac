import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { RedisConnections } from '../redis/redis.module.js';
import { AGENT_NAMESPACE, agentRooms } from './agent-rooms.js';
import { AgentGateway } from './agent.gateway.js';

type Target = { emit(event: string, ...args: unknown[]): unknown };

/**
 * Pushes events to the desk. In an API process it emits through the gateway (the Redis adapter fans it out to other
 * nodes); in a worker process, which has no sockets, it publishes through the Redis emitter.
 */
@Injectable()
export class AgentNotifier implements OnModuleInit {
  private emitter?: Emitter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly redis: RedisConnections,
    @Optional() private readonly gateway?: AgentGateway,
  ) {}

  onModuleInit(): void {
    if (this.config.processRole === 'worker') this.emitter = new Emitter(this.redis.main).of(AGENT_NAMESPACE);
  }

  toUser(userId: string, event: string, payload: unknown): void {
    this.room(agentRooms.user(userId))?.emit(event, payload);
  }

  /** One broadcast to several users' rooms: the payload is encoded (and relayed to other nodes) once, not per user. */
  toUsers(userIds: string[], event: string, payload: unknown): void {
    if (userIds.length) this.room(userIds.map(agentRooms.user))?.emit(event, payload);
  }

  toRole(role: string, event: string, payload: unknown): void {
    this.room(agentRooms.role(role))?.emit(event, payload);
  }

  toDepartment(departmentId: string, event: string, payload: unknown): void {
    this.room(agentRooms.department(departmentId))?.emit(event, payload);
  }

  toEveryone(event: string, payload: unknown): void {
    this.room(agentRooms.all)?.emit(event, payload);
  }

  private room(room: string | string[]): Target | undefined {
    if (this.emitter) return this.emitter.to(room) as unknown as Target;
    return this.gateway?.namespace?.to(room);
  }
}
