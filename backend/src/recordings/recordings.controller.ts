import { Controller, Get, Headers, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { parseOrThrow } from '../common/zod-validation.js';
import { RecordingPlaybackService } from './recording-playback.service.js';
import { RecordingsArchiveService } from './recordings-archive.service.js';
import { recordingsArchiveQuerySchema } from './recordings.dto.js';

/** Listening (Range-capable stream) and bulk download of call recordings. Registered before CallsController. */
@ApiTags('calls')
@Controller('calls')
export class RecordingsController {
  constructor(
    private readonly playback: RecordingPlaybackService,
    private readonly archive: RecordingsArchiveService,
  ) {}

  @Get('recordings.zip')
  @RequirePermissions('calls.download')
  async downloadArchive(@Query() rawQuery: unknown, @Res() res: Response): Promise<void> {
    const query = parseOrThrow(recordingsArchiveQuerySchema, rawQuery);
    const rows = await this.archive.prepare(query.from, query.to);
    const name = `recordings_${query.from.toISOString().slice(0, 10)}_${query.to.toISOString().slice(0, 10)}.zip`;
    res.status(200).set({ 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${name}"` });
    await this.archive.write(rows, res);
  }

  @Get(':id/recording')
  @RequirePermissions('calls.listen')
  async listen(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('range') range: string | undefined,
    @CurrentUser() user: AuthenticatedUser,
    @Res() res: Response,
  ): Promise<void> {
    const answer = await this.playback.open(id, user, range);
    res.status(answer.status).set(answer.headers);
    if (!answer.body) {
      res.end();
      return;
    }
    await pipeline(answer.body, res).catch(() => undefined); // the player closing the connection mid-stream is normal
  }
}
