import { definedFields } from '../defined-fields.js';
import type { CallOutcome, CallRecordingReference, NormalizedCallEvent } from '../telephony-adapter.js';
import type { CloudPbxConfig } from './cloud-pbx-config.js';
import { readJsonNumber, readJsonPath, readJsonText, readJsonTextList } from './json-path.js';

/** The provider events in one webhook body (one object, or an array at `eventsPath`). */
export function cloudPbxEventsIn(body: unknown, config: CloudPbxConfig): unknown[] {
  if (!config.eventsPath) return [body];
  const events = readJsonPath(body, config.eventsPath);
  return Array.isArray(events) ? events : [];
}

/** One provider event through the configured mapping; undefined for unmapped event types. */
export function parseCloudPbxEvent(
  providerEvent: unknown,
  config: CloudPbxConfig,
  now: () => Date = () => new Date(),
): NormalizedCallEvent | undefined {
  const { fields } = config;
  const kind = config.kindValues[readJsonText(providerEvent, fields.kind) ?? ''];
  const callId = readJsonText(providerEvent, fields.callId);
  if (!kind || !callId) return undefined;
  const rawDirection = readJsonText(providerEvent, fields.direction);
  const rawOutcome = readJsonText(providerEvent, fields.outcome);
  const outcome = (rawOutcome && config.outcomeValues?.[rawOutcome]) || defaultOutcome(kind);
  return definedFields({
    kind: kind === 'ended' && outcome && !answeredOutcomes.has(outcome) ? 'missed' : kind,
    pbx: config.name ?? 'cloud-pbx',
    callId,
    at: readEventTime(providerEvent, fields.at) ?? now(),
    from: readJsonText(providerEvent, fields.from) ?? '',
    did: readJsonText(providerEvent, fields.did),
    to: readJsonText(providerEvent, fields.to),
    direction: (rawDirection && config.directionValues?.[rawDirection]) || 'inbound',
    agentExtensions: readJsonTextList(providerEvent, fields.agentExtensions),
    agentExtension: readJsonText(providerEvent, fields.agentExtension),
    queue: readJsonText(providerEvent, fields.queue),
    waitSeconds: readJsonNumber(providerEvent, fields.waitSeconds),
    talkSeconds: readJsonNumber(providerEvent, fields.talkSeconds),
    outcome,
    recording: readRecording(providerEvent, config),
    raw: providerEvent,
  });
}

/** An `ended` event whose outcome says nobody talked is reported as `missed`. */
const answeredOutcomes = new Set<CallOutcome>(['answered', 'transferred']);

function defaultOutcome(kind: NormalizedCallEvent['kind']): CallOutcome | undefined {
  if (kind === 'ended') return 'answered';
  if (kind === 'missed') return 'missed';
  return undefined;
}

function readRecording(providerEvent: unknown, config: CloudPbxConfig): CallRecordingReference | undefined {
  const recording = definedFields({
    id: readJsonText(providerEvent, config.fields.recordingId),
    url: readJsonText(providerEvent, config.fields.recordingUrl),
    fileName: readJsonText(providerEvent, config.fields.recordingFileName),
    durationSeconds: readJsonNumber(providerEvent, config.fields.recordingDurationSeconds),
  });
  return Object.keys(recording).length ? recording : undefined;
}

/** ISO text, or Unix seconds / milliseconds (told apart by size). */
function readEventTime(providerEvent: unknown, path: string | undefined): Date | undefined {
  const text = readJsonText(providerEvent, path);
  if (!text) return undefined;
  const numeric = Number(text);
  const time = Number.isFinite(numeric) ? new Date(numeric < 1e12 ? numeric * 1000 : numeric) : new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : time;
}
