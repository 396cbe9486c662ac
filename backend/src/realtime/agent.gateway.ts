import { Inject } from '@nestjs/common';
import { type OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { AuthService } from '../auth/auth.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { sessionTokenFrom } from '../auth/session-token.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { AGENT_NAMESPACE, agentRooms } from './agent-rooms.js';

export type AgentSocket = Socket & { data: { user: AuthenticatedUser } };

/**
 * The desk's live channel. A socket must present a session token (`auth.token` or the session cookie);
 * it joins its user, role and department rooms so events reach exactly who they are for.
 */
@WebSocketGateway({ namespace: AGENT_NAMESPACE, cors: { origin: true, credentials: true } })
export class AgentGateway implements OnGatewayInit {
  @WebSocketServer() namespace!: Namespace;

  constructor(
    private readonly auth: AuthService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use(async (socket, next) => {
      const token =
        (typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : undefined) ??
        sessionTokenFrom({ cookie: socket.handshake.headers.cookie });
      const user = token ? await this.auth.authenticate(token).catch(() => undefined) : undefined;
      if (!user) return next(Object.assign(new Error('unauthorized'), { data: { message: 'Please sign in.' } }));
      socket.data.user = user;
      next();
    });
    namespace.on('connection', (socket: AgentSocket) => {
      const user = socket.data.user;
      void socket.join([agentRooms.user(user.id), agentRooms.role(user.role), agentRooms.all]);
      if (user.departmentId) void socket.join(agentRooms.department(user.departmentId));
      this.logger.debug({ userId: user.id, socketId: socket.id }, 'agent connected');
      socket.emit('session:ready', { userId: user.id });
    });
  }
}
