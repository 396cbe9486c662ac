import { definedFields } from '../defined-fields.js';
import type { CallEventKind, CallOutcome, NormalizedCallEvent } from '../telephony-adapter.js';
import {
  twilioDirection,
  twilioEventTime,
  twilioField,
  twilioSeconds,
  type TwilioWebhookParams,
} from './twilio-webhook-fields.js';

/** Twilio CallStatus → normalized kind/outcome; queued and initiated say nothing to an agent. */
const callStatusMapping: Record<string, { kind: CallEventKind; outcome?: CallOutcome }> = {
  ringing: { kind: 'ringing' },
  'in-progress': { kind: 'answered' },
  completed: { kind: 'ended', outcome: 'answered' },
  busy: { kind: 'missed', outcome: 'busy' },
  'no-answer': { kind: 'missed', outcome: 'missed' },
  canceled: { kind: 'missed', outcome: 'abandoned' },
  failed: { kind: 'missed', outcome: 'failed' },
};

export type TwilioParseOptions = { pbx?: string; now?: () => Date };

/**
 * A call status callback (CallSid, CallStatus, From, To, Direction, CallDuration, Timestamp) as a
 * normalized event, or undefined for statuses with no agent meaning (queued, initiated).
 */
export function parseTwilioCallStatusCallback(
  params: TwilioWebhookParams,
  options: TwilioParseOptions = {},
): NormalizedCallEvent | undefined {
  const callId = twilioField(params, 'CallSid');
  const mapping = callStatusMapping[twilioField(params, 'CallStatus') ?? ''];
  if (!callId || !mapping) return undefined;
  const direction = twilioDirection(params);
  const to = twilioField(params, 'To');
  const duration = twilioSeconds(params, 'CallDuration');
  return definedFields({
    kind: mapping.kind,
    pbx: options.pbx ?? 'twilio',
    callId,
    at: twilioEventTime(params, options.now ?? (() => new Date())),
    from: twilioField(params, 'From') ?? '',
    did: direction === 'inbound' ? to : undefined,
    to: direction === 'outbound' ? to : undefined,
    direction,
    outcome: mapping.outcome,
    talkSeconds: mapping.kind === 'ended' ? duration : mapping.kind === 'missed' ? 0 : undefined,
    raw: params,
  });
}
