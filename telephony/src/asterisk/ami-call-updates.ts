import { definedFields } from '../defined-fields.js';
import { createCallState, type AmiCallState } from './ami-call-state.js';
import { amiEventTime, amiField, amiText, type AmiEvent } from './ami-event.js';
import { channelEndpoint } from './channel-name.js';

/** State changes of one call as AMI events arrive; the tracker decides what to report. */

/** New call state from its first channel, or undefined if the event is not that channel's. */
export function callStateFromFirstChannel(
  name: string,
  event: AmiEvent,
  callId: string,
  isAgentExtension: (value: string) => boolean,
  now: () => Date,
): AmiCallState | undefined {
  const channel = amiText(event, 'Channel');
  if (!channel || name === 'Hangup' || name === 'Cdr' || name === 'CEL') return undefined;
  if (amiField(event, 'Uniqueid') !== callId) return undefined;
  const exten = meaningfulExten(amiField(event, 'Exten'));
  const callerEndpoint = channelEndpoint(channel);
  const fromAgent = isAgentExtension(callerEndpoint);
  return createCallState(
    definedFields({
      callId,
      startedAt: amiEventTime(event, now),
      from: fromAgent ? callerEndpoint : (amiText(event, 'CallerIDNum') ?? ''),
      did: fromAgent ? undefined : exten,
      to: fromAgent ? exten : undefined,
      direction: !fromAgent ? 'inbound' : exten && isAgentExtension(exten) ? 'internal' : 'outbound',
      callerChannel: channel,
    }),
  );
}

/** Keeps the set of live channels; a hung-up channel never comes back (late CEL events name it). */
export function trackChannel(call: AmiCallState, name: string, event: AmiEvent): void {
  if (name === 'Cdr') return;
  const channel = amiText(event, 'Channel');
  if (!channel) return;
  if (name === 'Hangup') {
    call.liveChannels.delete(channel);
    call.hungUpChannels.add(channel);
  } else if (!call.hungUpChannels.has(channel)) {
    call.liveChannels.add(channel);
  }
}

/** Newexten of the caller's channel: voicemail, queue name, MixMonitor file, dialled number. */
export function applyDialplanStep(
  call: AmiCallState,
  event: AmiEvent,
  isAgentExtension: (value: string) => boolean,
): void {
  if (amiField(event, 'Channel') !== call.callerChannel) return;
  const application = amiField(event, 'Application');
  if (application === 'VoiceMail') call.reachedVoicemail = true;
  const firstArgument = amiField(event, 'AppData')?.split(',')[0].trim() || undefined;
  if (application === 'Queue') call.queue ??= firstArgument;
  if (application === 'MixMonitor') call.recordingFile ??= firstArgument;
  if (call.direction !== 'inbound' && !call.to) {
    call.to = meaningfulExten(amiField(event, 'Extension'));
    if (call.to && isAgentExtension(call.to)) call.direction = 'internal';
  }
}

/** The first recording file name any source gives wins (they all name the same file). */
export function noteRecording(call: AmiCallState, event: AmiEvent, field: string): void {
  call.recordingFile ??= amiText(event, field);
}

/** DialBegin: remember the leg; an agent leg joins the open ring wave or starts a new one. */
export function addDialLeg(
  call: AmiCallState,
  destChannel: string,
  agentExtension: string | undefined,
  at: Date,
): void {
  if (!call.legs.has(destChannel)) call.legs.set(destChannel, definedFields({ channel: destChannel, agentExtension }));
  if (!agentExtension) return;
  if (!call.ringWave || call.ringWave.reported) {
    call.ringWave = { startedAt: at, agentExtensions: [], reported: false };
  }
  if (!call.ringWave.agentExtensions.includes(agentExtension)) call.ringWave.agentExtensions.push(agentExtension);
}

/** `s` (after a Goto) and empty extensions say nothing about the dialled number. */
function meaningfulExten(exten: string | undefined): string | undefined {
  const value = exten?.trim();
  return value && value !== 's' ? value : undefined;
}
