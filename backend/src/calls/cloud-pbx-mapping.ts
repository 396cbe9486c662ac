import type { CloudPbxConfig } from '@consult-crm/telephony';

/**
 * Default field mapping of the generic cloud-PBX webhook (JSON body, one event per request):
 * `{ "event": "ringing|answered|ended|missed|recording-ready", "call_id", "timestamp", "caller", "called",
 *    "destination", "direction", "extension", "extensions", "queue", "wait_seconds", "talk_seconds",
 *    "outcome", "recording_url", "recording_duration" }`. CLOUD_PBX_MAPPING (JSON) overrides any part of it.
 */
export const DEFAULT_CLOUD_PBX_MAPPING: Pick<
  CloudPbxConfig,
  'fields' | 'kindValues' | 'outcomeValues' | 'directionValues' | 'eventsPath'
> = {
  fields: {
    kind: 'event',
    callId: 'call_id',
    at: 'timestamp',
    from: 'caller',
    did: 'called',
    to: 'destination',
    direction: 'direction',
    agentExtension: 'extension',
    agentExtensions: 'extensions',
    queue: 'queue',
    waitSeconds: 'wait_seconds',
    talkSeconds: 'talk_seconds',
    outcome: 'outcome',
    recordingUrl: 'recording_url',
    recordingDurationSeconds: 'recording_duration',
  },
  kindValues: {
    ringing: 'ringing',
    answered: 'answered',
    ended: 'ended',
    missed: 'missed',
    'recording-ready': 'recording-ready',
  },
  outcomeValues: {
    answered: 'answered',
    missed: 'missed',
    abandoned: 'abandoned',
    voicemail: 'voicemail',
    transferred: 'transferred',
    busy: 'busy',
    failed: 'failed',
  },
  directionValues: { inbound: 'inbound', outbound: 'outbound', internal: 'internal' },
};
