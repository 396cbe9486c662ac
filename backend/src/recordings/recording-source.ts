import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { AppConfig } from '../config/app-config.js';

export type RecordingSourceRef = { pbx: string; fileName?: string | null; sourceUrl?: string | null };
export type OpenedRecording = { stream: Readable; contentType: string; extension: string };

const CONTENT_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.gsm': 'audio/x-gsm',
  '.m4a': 'audio/mp4',
};
const EXTENSIONS: Record<string, string> = Object.fromEntries(
  Object.entries(CONTENT_TYPES).map(([ext, type]) => [type, ext]),
);

export class RecordingSourceUnavailableError extends Error {}

/**
 * Opens a recording where the PBX left it: Asterisk's MixMonitor folder (by file name, never a path), or a provider
 * URL downloaded with that provider's credentials (Twilio: HTTP Basic with the account SID and auth token;
 * cloud PBX: Bearer API token).
 */
export class RecordingSource {
  constructor(private readonly config: AppConfig) {}

  async open(ref: RecordingSourceRef): Promise<OpenedRecording> {
    if (ref.sourceUrl) return this.download(ref.pbx, ref.sourceUrl);
    if (!ref.fileName)
      throw new RecordingSourceUnavailableError('The PBX reported a recording without a file name or URL');
    const name = basename(ref.fileName);
    const path = join(this.config.telephony.asteriskRecordingsDir, name);
    try {
      if (!(await stat(path)).isFile()) throw new Error('not a file');
    } catch {
      throw new RecordingSourceUnavailableError(
        `Recording ${name} is not (yet) in ${this.config.telephony.asteriskRecordingsDir}`,
      );
    }
    const extension = extname(name).toLowerCase() || '.wav';
    return {
      stream: createReadStream(path),
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      extension,
    };
  }

  private async download(pbx: string, url: string): Promise<OpenedRecording> {
    const headers: Record<string, string> = {};
    const { twilio, cloudPbx } = this.config.telephony;
    if (pbx === 'twilio' && twilio.accountSid && twilio.authToken)
      headers.authorization = `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;
    else if (pbx === 'cloud-pbx' && cloudPbx.apiToken) headers.authorization = `Bearer ${cloudPbx.apiToken}`;
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(60_000) });
    if (!response.ok || !response.body)
      throw new RecordingSourceUnavailableError(`Downloading the recording answered HTTP ${response.status}`);
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim() || 'audio/wav';
    const extension = extname(new URL(url).pathname).toLowerCase() || EXTENSIONS[contentType] || '.wav';
    return {
      stream: Readable.fromWeb(response.body as never),
      contentType: CONTENT_TYPES[extension] ?? contentType,
      extension,
    };
  }
}
