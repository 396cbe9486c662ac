import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { CallsRepository } from '../calls/calls.repository.js';
import { ApiError } from '../common/api-error.js';
import { parseByteRange } from './byte-range.js';
import { OBJECT_STORE, type ObjectStore } from './object-store.js';
import { RecordingsRepository } from './recordings.repository.js';

export type RecordingResponse = { status: 200 | 206 | 416; headers: Record<string, string>; body?: Readable };

/** Whether someone may listen to a call: supervisors and admins all calls; consultants their own and their contacts'. */
export function mayListen(
  user: AuthenticatedUser,
  call: { answeredByUserId: string | null; ringingUserIds: string[]; contactResponsibleUserId: string | null },
): boolean {
  if (!user.permissions.includes('calls.listen')) return false;
  if (user.role === 'admin' || user.role === 'supervisor') return true;
  return call.answeredByUserId === user.id || call.contactResponsibleUserId === user.id;
}

/** Streams a call's recording to the desk player with HTTP Range support (seeking). */
@Injectable()
export class RecordingPlaybackService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly recordings: RecordingsRepository,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
  ) {}

  async open(callId: string, user: AuthenticatedUser, rangeHeader: string | undefined): Promise<RecordingResponse> {
    const call = await this.calls.findWithParties(callId);
    if (!call) throw ApiError.notFound('Call', callId);
    if (!mayListen(user, call))
      throw ApiError.forbidden(
        'You may listen only to calls you took or of contacts you are responsible for; ask a supervisor.',
      );
    const recording = await this.recordings.findByCallId(callId);
    if (!recording || recording.deletedAt) throw ApiError.notFound('A recording of call', callId);
    if (!recording.storageKey)
      throw ApiError.conflict(
        'recording_not_ready',
        'The recording is still being copied from the PBX; try again in a minute.',
      );
    const head = await this.store.head(recording.storageKey);
    if (!head) throw ApiError.notFound('The recording file of call', callId);
    const size = head.sizeBytes;
    const base = {
      'accept-ranges': 'bytes',
      'content-type': recording.contentType ?? 'audio/wav',
      'cache-control': 'private, max-age=300',
    };
    const range = parseByteRange(rangeHeader, size);
    if (range === 'unsatisfiable') return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` } };
    if (!range)
      return {
        status: 200,
        headers: { ...base, 'content-length': String(size) },
        body: await this.store.get(recording.storageKey),
      };
    return {
      status: 206,
      headers: {
        ...base,
        'content-length': String(range.end - range.start + 1),
        'content-range': `bytes ${range.start}-${range.end}/${size}`,
      },
      body: await this.store.get(recording.storageKey, range),
    };
  }
}
