import { definedFields } from '../defined-fields.js';
import type { NormalizedCallEvent } from '../telephony-adapter.js';
import type { TwilioParseOptions } from './twilio-status-callback.js';
import { twilioEventTime, twilioField, twilioSeconds, type TwilioWebhookParams } from './twilio-webhook-fields.js';

/** What the recording callback does not repeat: who called and how (known from the call's status callbacks). */
export type KnownTwilioCall = Pick<NormalizedCallEvent, 'from' | 'did' | 'to' | 'direction'>;

/**
 * A recording status callback (RecordingSid, RecordingUrl, RecordingDuration, CallSid) as a
 * recording-ready event; undefined until RecordingStatus is completed.
 */
export function parseTwilioRecordingCallback(
  params: TwilioWebhookParams,
  knownCall: KnownTwilioCall | undefined,
  options: TwilioParseOptions = {},
): NormalizedCallEvent | undefined {
  const callId = twilioField(params, 'CallSid');
  const recordingId = twilioField(params, 'RecordingSid');
  const status = twilioField(params, 'RecordingStatus') ?? 'completed';
  if (!callId || !recordingId || status !== 'completed') return undefined;
  return definedFields({
    kind: 'recording-ready' as const,
    pbx: options.pbx ?? 'twilio',
    callId,
    at: twilioEventTime(params, options.now ?? (() => new Date())),
    from: knownCall?.from ?? '',
    did: knownCall?.did,
    to: knownCall?.to,
    direction: knownCall?.direction ?? 'inbound',
    recording: definedFields({
      id: recordingId,
      url: twilioField(params, 'RecordingUrl'),
      durationSeconds: twilioSeconds(params, 'RecordingDuration'),
    }),
    raw: params,
  });
}
