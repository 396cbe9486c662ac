import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Headers, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { ApiError } from '../common/api-error.js';
import { WebchatService } from './webchat.service.js';
import type { UploadedBlob } from '../common/uploaded-blob.js';

const MAX_MULTIPART_BYTES = 50 * 1024 * 1024;

/** The widget's file upload: `x-webchat-account` + `x-visitor-token` headers, one `file` field. */
@ApiTags('webchat')
@Controller('webchat')
export class WebchatController {
  constructor(private readonly webchat: WebchatService) {}

  @Public()
  @Post('uploads')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_MULTIPART_BYTES, files: 1 } }))
  async upload(
    @Headers('x-webchat-account') accountToken: string | undefined,
    @Headers('x-visitor-token') visitorToken: string | undefined,
    @UploadedFile() file: UploadedBlob | undefined,
  ) {
    const account = await this.webchat.account(accountToken);
    const visitorId = this.webchat.visitorOf(visitorToken);
    if (!account || !visitorId) throw ApiError.unauthorized('Reload the page to reconnect the chat.');
    return this.webchat.upload(account, visitorId, file);
  }
}

/** The embeddable scripts, read once from src/webchat/widget (copied next to dist by the build). */
export const WIDGET_SCRIPTS: Record<string, string> = {
  'chat.js': readWidget('chat.js'),
  'lead-form.js': readWidget('lead-form.js'),
};

function readWidget(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'widget', name), join(here, '../../src/webchat/widget', name)]) {
    try {
      return readFileSync(candidate, 'utf8');
    } catch {
      /* next */
    }
  }
  return `console.error('Consult CRM widget ${name} is missing from this build');`;
}
