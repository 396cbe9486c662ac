import { Inject } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { ChannelAccountRow } from '../conversations/conversations.schema.js';
import { AGENT_NAMESPACE, agentRooms } from '../realtime/agent-rooms.js';
import { webchatMessageInput } from './webchat.dto.js';
import { WebchatNotifier } from './webchat-notifier.js';
import { WEBCHAT_EVENTS, WEBCHAT_NAMESPACE, webchatVisitorRoom } from './webchat-rooms.js';
import { WebchatService } from './webchat.service.js';

type VisitorSocket = Socket & { data: { account: ChannelAccountRow; visitorId: string } };

/**
 * The widget's live channel (namespace /webchat). Handshake `auth: { account, visitorToken? }`; the server answers
 * `webchat:ready` with the (new or confirmed) visitor token, whether a consultant is online, and the history.
 */
@WebSocketGateway({ namespace: WEBCHAT_NAMESPACE, cors: { origin: true, credentials: false } })
export class WebchatGateway implements OnGatewayInit {
  @WebSocketServer() namespace!: Namespace;

  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly webchat: WebchatService,
    private readonly notifier: WebchatNotifier,
  ) {}

  afterInit(namespace: Namespace): void {
    this.notifier.namespace = namespace;
    namespace.use(async (socket, next) => {
      const account = await this.webchat.account(socket.handshake.auth?.account).catch(() => undefined);
      if (!account)
        return next(Object.assign(new Error('unknown_account'), { data: { message: 'This chat is not available.' } }));
      socket.data.account = account;
      next();
    });
    namespace.on('connection', (socket: VisitorSocket) => void this.welcome(socket));
  }

  private async welcome(socket: VisitorSocket): Promise<void> {
    const { visitorId, token } = this.webchat.identify(socket.handshake.auth?.visitorToken);
    socket.data.visitorId = visitorId;
    await socket.join(webchatVisitorRoom(socket.data.account.id, visitorId));
    const history = await this.webchat.history(socket.data.account, visitorId).catch(() => []);
    socket.emit(WEBCHAT_EVENTS.ready, { visitorToken: token, visitorId, online: this.someoneOnline(), history });
    this.logger.debug({ channelAccountId: socket.data.account.id, visitorId }, 'web-chat visitor connected');
  }

  @SubscribeMessage(WEBCHAT_EVENTS.send)
  async send(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: unknown) {
    if (!socket.data.visitorId) return { ok: false, error: 'not_ready' };
    const parsed = webchatMessageInput.safeParse(body ?? {});
    if (!parsed.success)
      return {
        ok: false,
        error: 'validation_failed',
        fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || '_', i.message])),
      };
    try {
      const stored = await this.webchat.receive(socket.data.account, socket.data.visitorId, parsed.data);
      socket.to(webchatVisitorRoom(socket.data.account.id, socket.data.visitorId)).emit(WEBCHAT_EVENTS.message, {
        id: stored.messageId,
        direction: 'in',
        text: parsed.data.text ?? null,
        at: new Date().toISOString(),
      });
      return { ok: true, messageId: stored.messageId };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, ...(error.getResponse() as object) };
      this.logger.error({ err: (error as Error).message }, 'web-chat message not stored');
      return { ok: false, error: 'internal_error' };
    }
  }

  @SubscribeMessage(WEBCHAT_EVENTS.typing)
  async typing(@ConnectedSocket() socket: VisitorSocket, @MessageBody() body: { typing?: boolean } | undefined) {
    if (socket.data.visitorId)
      await this.webchat
        .visitorTyping(socket.data.account, socket.data.visitorId, body?.typing !== false)
        .catch(() => undefined);
    return { ok: true };
  }

  /** A consultant or supervisor has the desk open (on this node; other nodes' desks join through the Redis adapter rooms). */
  private someoneOnline(): boolean {
    const rooms = this.namespace.server.of(AGENT_NAMESPACE).adapter.rooms;
    return Boolean(rooms.get(agentRooms.role('consultant'))?.size || rooms.get(agentRooms.role('supervisor'))?.size);
  }
}
