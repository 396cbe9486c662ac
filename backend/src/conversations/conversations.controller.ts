import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  assignConversationDto,
  listConversationsQuery,
  listMessagesQuery,
  sendMessageDto,
  type AssignConversationDto,
  type ListConversationsQuery,
  type ListMessagesQuery,
  type SendMessageDto,
} from './conversations.dto.js';
import { InboxService } from './inbox.service.js';
import { MessageAttachmentsService } from './message-attachments.service.js';
import { OutboundMessagesService } from './outbound-messages.service.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

const AGENT_UPLOAD_LIMIT = 25 * 1024 * 1024;

@ApiTags('conversations')
@ApiBearerAuth()
@Controller()
export class ConversationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly outbound: OutboundMessagesService,
    private readonly attachments: MessageAttachmentsService,
  ) {}

  /** Newest first; `assignee=me|none|<userId>`, `unread=true`, `status=open|closed`, `channel=telegram…`. */
  @Get('conversations')
  list(@ValidQuery(listConversationsQuery) query: ListConversationsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.inbox.list(query, user);
  }

  @Get('conversations/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.get(id);
  }

  /** Newest first, paged with `cursor`. */
  @Get('conversations/:id/messages')
  messages(@Param('id', ParseUUIDPipe) id: string, @ValidQuery(listMessagesQuery) query: ListMessagesQuery) {
    return this.inbox.messages(id, query);
  }

  /** Accepted (202) as `queued`; `conversation:status` tells when it was sent or failed. */
  @Post('conversations/:id/messages')
  @HttpCode(202)
  send(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(sendMessageDto) dto: SendMessageDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.outbound.send(id, dto, user);
  }

  /** Upload a file to attach to a reply: answers the attachment to pass in `attachments`. */
  @Post('conversations/:id/attachments')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: AGENT_UPLOAD_LIMIT, files: 1 } }))
  async upload(@Param('id', ParseUUIDPipe) id: string, @UploadedFile() file: UploadedBlob | undefined) {
    await this.inbox.get(id);
    if (!file) throw ApiError.validation({ file: 'Attach a file in the "file" field.' });
    return this.outbound.storeUpload(file);
  }

  @Post('conversations/:id/assign')
  @HttpCode(200)
  assign(@Param('id', ParseUUIDPipe) id: string, @ValidBody(assignConversationDto) dto: AssignConversationDto) {
    return this.inbox.assign(id, dto.userId);
  }

  @Post('conversations/:id/close')
  @HttpCode(200)
  close(@Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.setStatus(id, 'closed');
  }

  @Post('conversations/:id/reopen')
  @HttpCode(200)
  reopen(@Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.setStatus(id, 'open');
  }

  @Post('conversations/:id/read')
  @HttpCode(200)
  read(@Param('id', ParseUUIDPipe) id: string) {
    return this.inbox.markRead(id);
  }

  /** Relays "agent is typing" to the other desks (the socket event `conversation:typing` does the same). */
  @Post('conversations/:id/typing')
  @HttpCode(204)
  async typing(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: { typing?: boolean } | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    await this.inbox.typing(id, user, body?.typing !== false);
  }

  /** Streams a stored attachment (voice notes, photos, documents) with its content type. */
  @Get('messages/:id/attachments/:index')
  async attachment(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('index', ParseIntPipe) index: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const file = await this.attachments.open(id, index);
    res.setHeader('content-type', file.mimeType);
    res.setHeader('content-length', String(file.sizeBytes));
    if (file.fileName) res.setHeader('content-disposition', `inline; filename="${encodeURIComponent(file.fileName)}"`);
    return new StreamableFile(file.stream);
  }
}
