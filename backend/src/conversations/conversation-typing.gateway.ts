import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { AgentSocket } from '../realtime/agent.gateway.js';
import { AGENT_NAMESPACE } from '../realtime/agent-rooms.js';
import { InboxService } from './inbox.service.js';

/** `conversation:typing` from a desk socket ({ conversationId, typing }) is relayed to the conversation's owners. */
@WebSocketGateway({ namespace: AGENT_NAMESPACE })
export class ConversationTypingGateway {
  constructor(private readonly inbox: InboxService) {}

  @SubscribeMessage('conversation:typing')
  async typing(
    @ConnectedSocket() socket: AgentSocket,
    @MessageBody() body: { conversationId?: string; typing?: boolean },
  ) {
    if (!socket.data.user || typeof body?.conversationId !== 'string' || !/^[0-9a-f-]{36}$/.test(body.conversationId))
      return { ok: false };
    await this.inbox.typing(body.conversationId, socket.data.user, body.typing !== false).catch(() => undefined);
    return { ok: true };
  }
}
