import {
  Body,
  Controller,
  Get,
  Param,
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
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CardFilesService } from './card-files.service.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

/** Largest card document accepted (scanned application forms and business plans fit well within it). */
export const CARD_FILE_LIMIT_BYTES = 25 * 1024 * 1024;

/** Card documents. Department rights apply: a card (or a file of a card) one may not see answers 404. */
@ApiTags('cards')
@ApiBearerAuth()
@Controller()
export class CardFilesController {
  constructor(private readonly files: CardFilesService) {}

  /** Multipart: `file` (the document), optional `fieldKey` (the file field it is for). Put the answer in the field. */
  @Post('cards/:id/files')
  @RequirePermissions('cards.edit')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: CARD_FILE_LIMIT_BYTES, files: 1 } }))
  upload(
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: UploadedBlob | undefined,
    @Body() body: { fieldKey?: string } | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.files.upload(id, file, body?.fieldKey || undefined, user);
  }

  @Get('cards/:id/files')
  list(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.files.list(id, user);
  }

  /** Always a download (never rendered in the desk's origin: an uploaded HTML file must not run there). */
  @Get('card-files/:id')
  async download(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { file, stream } = await this.files.open(id, user);
    res.setHeader('content-type', file.mimeType);
    res.setHeader('content-length', String(file.sizeBytes));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    return new StreamableFile(stream);
  }
}
