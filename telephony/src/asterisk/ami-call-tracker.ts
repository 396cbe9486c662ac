import { definedFields } from '../defined-fields.js';
import { ListenerList } from '../listener-list.js';
import type {
  AgentStatusListener,
  AgentStatusEvent,
  CallEventListener,
  NormalizedCallEvent,
} from '../telephony-adapter.js';
import { agentStatusFromPeerStatus } from './agent-status.js';
import { callClosingEvent, secondsBetween } from './ami-call-outcome.js';
import { createCallState, type AmiCallState, type AmiFinishedCall } from './ami-call-state.js';
import {
  amiEventName,
  amiEventTime,
  amiField,
  amiNumber,
  amiText,
  amiVariableName,
  type AmiEvent,
} from './ami-event.js';
import { channelEndpoint, defaultAgentExtensionPattern } from './channel-name.js';

export type AmiCallTrackerOptions = {
  /** Name put in NormalizedCallEvent.pbx; default 'asterisk'. */
  pbx?: string;
  /** Clock for events without a Timestamp header (timestampevents=no). */
  now?: () => Date;
  /** Endpoints matching this are agent phones, anything else is a trunk; default /^\d{2,6}$/. */
  agentExtensionPattern?: RegExp;
  /** How many finished calls to remember so late Cdr events are recognised; default 500. */
  finishedCallMemory?: number;
};

/** Events after which every agent of the current ring wave has been dialled. */
const ringWaveSettledBy = new Set([
  'DialState',
  'DialEnd',
  'AgentConnect',
  'AgentRingNoAnswer',
  'BridgeEnter',
  'QueueCallerAbandon',
  'QueueCallerLeave',
  'HangupRequest',
  'Hangup',
]);

/**
 * Turns raw AMI events into normalized call events. Pure: no I/O, feed it events in the order
 * Asterisk sent them. Calls are grouped by Linkedid.
 */
export class AmiCallTracker {
  private readonly pbx: string;
  private readonly now: () => Date;
  private readonly agentExtensionPattern: RegExp;
  private readonly finishedCallMemory: number;
  private readonly calls = new Map<string, AmiCallState>();
  private readonly finished = new Map<string, AmiFinishedCall>();
  private readonly callListeners = new ListenerList<NormalizedCallEvent>();
  private readonly agentStatusListeners = new ListenerList<AgentStatusEvent>();

  constructor(options: AmiCallTrackerOptions = {}) {
    this.pbx = options.pbx ?? 'asterisk';
    this.now = options.now ?? (() => new Date());
    this.agentExtensionPattern = options.agentExtensionPattern ?? defaultAgentExtensionPattern;
    this.finishedCallMemory = options.finishedCallMemory ?? 500;
  }

  onEvent(listener: CallEventListener): void {
    this.callListeners.add(listener);
  }

  onAgentStatus(listener: AgentStatusListener): void {
    this.agentStatusListeners.add(listener);
  }

  /** Calls in progress (read-only view of the tracker's state). */
  activeCalls(): readonly Readonly<AmiCallState>[] {
    return [...this.calls.values()];
  }

  handle(event: AmiEvent): void {
    const name = amiEventName(event);
    if (!name) return;
    if (name === 'PeerStatus') {
      const status = agentStatusFromPeerStatus(event, this.pbx, this.now);
      if (status) this.agentStatusListeners.emit(status);
      return;
    }
    const callId = amiText(event, 'Linkedid');
    if (!callId) return;
    const finished = this.finished.get(callId);
    if (finished) return this.handleLateEvent(name, event, finished);
    const call = this.calls.get(callId) ?? this.startCall(name, event, callId);
    if (!call) return;
    const at = amiEventTime(event, this.now);
    this.trackChannel(call, name, event);
    if (ringWaveSettledBy.has(name)) this.reportRingWave(call);
    this.apply(call, name, event, at);
  }

  private apply(call: AmiCallState, name: string, event: AmiEvent, at: Date): void {
    switch (name) {
      case 'Newexten':
        return this.applyDialplanStep(call, event);
      case 'VarSet':
        if (amiVariableName(event) === 'MIXMONITOR_FILENAME') this.noteRecording(call, event, 'Value');
        return;
      case 'UserEvent':
        if (amiText(event, 'UserEvent') === 'CrmCallInfo') this.noteRecording(call, event, 'Recording');
        return;
      case 'Cdr':
        return this.noteRecording(call, event, 'RecordingFile');
      case 'QueueCallerJoin':
        call.queue = amiText(event, 'Queue') ?? call.queue;
        return;
      case 'QueueCallerAbandon':
        call.abandonedInQueue = true;
        call.queueHoldSeconds = amiNumber(event, 'HoldTime');
        return;
      case 'AgentConnect':
        call.queueHoldSeconds = amiNumber(event, 'HoldTime');
        return this.markAnswered(call, this.extensionOf(amiField(event, 'DestChannel')), at);
      case 'AgentComplete':
        call.queueTalkSeconds = amiNumber(event, 'TalkTime');
        return;
      case 'DialBegin':
        return this.addToRingWave(call, amiText(event, 'DestChannel'), at);
      case 'DialEnd':
        return this.endDialLeg(call, event, at);
      case 'BlindTransfer':
      case 'AttendedTransfer':
        if (call.answeredAt) call.transferred = true;
        return;
      case 'MessageWaiting':
        if (amiField(event, 'Channel') === call.callerChannel) call.reachedVoicemail = true;
        return;
      case 'Hangup':
        if (call.liveChannels.size === 0) this.finish(call, at);
        return;
      case 'CEL':
        if (amiField(event, 'EventName') === 'LINKEDID_END') this.finish(call, at);
        return;
    }
  }

  /** A call starts with its first channel (Uniqueid equals Linkedid), normally at Newchannel. */
  private startCall(name: string, event: AmiEvent, callId: string): AmiCallState | undefined {
    const channel = amiText(event, 'Channel');
    if (!channel || name === 'Hangup' || name === 'Cdr' || name === 'CEL') return undefined;
    if (amiField(event, 'Uniqueid') !== callId) return undefined;
    const exten = meaningfulExten(amiField(event, 'Exten'));
    const callerEndpoint = channelEndpoint(channel);
    const fromAgent = this.agentExtensionPattern.test(callerEndpoint);
    const call = createCallState(
      definedFields({
        callId,
        startedAt: amiEventTime(event, this.now),
        from: fromAgent ? callerEndpoint : (amiText(event, 'CallerIDNum') ?? ''),
        did: fromAgent ? undefined : exten,
        to: fromAgent ? exten : undefined,
        direction: !fromAgent ? 'inbound' : exten && this.isAgentExtension(exten) ? 'internal' : 'outbound',
        callerChannel: channel,
      }),
    );
    this.calls.set(callId, call);
    return call;
  }

  private trackChannel(call: AmiCallState, name: string, event: AmiEvent): void {
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

  private applyDialplanStep(call: AmiCallState, event: AmiEvent): void {
    if (amiField(event, 'Channel') !== call.callerChannel) return;
    const application = amiField(event, 'Application');
    if (application === 'VoiceMail') call.reachedVoicemail = true;
    const firstArgument = amiField(event, 'AppData')?.split(',')[0].trim() || undefined;
    if (application === 'Queue') call.queue ??= firstArgument;
    if (application === 'MixMonitor') call.recordingFile ??= firstArgument;
    if (call.direction !== 'inbound' && !call.to) {
      call.to = meaningfulExten(amiField(event, 'Extension'));
      if (call.to && this.isAgentExtension(call.to)) call.direction = 'internal';
    }
  }

  private noteRecording(call: AmiCallState, event: AmiEvent, field: string): void {
    call.recordingFile ??= amiText(event, field);
  }

  private addToRingWave(call: AmiCallState, destChannel: string | undefined, at: Date): void {
    if (!destChannel) return;
    const agentExtension = this.extensionOf(destChannel);
    if (!call.legs.has(destChannel))
      call.legs.set(destChannel, definedFields({ channel: destChannel, agentExtension }));
    if (!agentExtension) return;
    if (!call.ringWave || call.ringWave.reported) {
      call.ringWave = { startedAt: at, agentExtensions: [], reported: false };
    }
    if (!call.ringWave.agentExtensions.includes(agentExtension)) call.ringWave.agentExtensions.push(agentExtension);
  }

  private reportRingWave(call: AmiCallState): void {
    const wave = call.ringWave;
    if (!wave || wave.reported) return;
    wave.reported = true;
    this.emit({
      ...this.callBase(call),
      kind: 'ringing',
      at: wave.startedAt,
      agentExtensions: [...wave.agentExtensions],
    });
  }

  /** First DialEnd of a leg decides it; app_queue repeats CANCEL for losing legs. */
  private endDialLeg(call: AmiCallState, event: AmiEvent, at: Date): void {
    const destChannel = amiText(event, 'DestChannel');
    const leg = destChannel ? call.legs.get(destChannel) : undefined;
    if (!leg || leg.endStatus) return;
    leg.endStatus = amiText(event, 'DialStatus') ?? 'UNKNOWN';
    if (leg.endStatus !== 'ANSWER') return;
    const answeredBy = leg.agentExtension ?? (call.direction === 'inbound' ? undefined : call.from);
    this.markAnswered(call, answeredBy, at);
  }

  private markAnswered(call: AmiCallState, agentExtension: string | undefined, at: Date): void {
    if (call.answeredAt) return;
    call.answeredAt = at;
    call.answeredBy = agentExtension;
    this.emit({
      ...this.callBase(call),
      kind: 'answered',
      at,
      agentExtension,
      waitSeconds: secondsBetween(call.startedAt, at),
    });
  }

  private finish(call: AmiCallState, at: Date): void {
    this.reportRingWave(call);
    this.calls.delete(call.callId);
    this.emit(callClosingEvent(call, at, this.callBase(call)));
    const record: AmiFinishedCall = { state: call, endedAt: at, recordingReported: false };
    this.rememberFinished(record);
    this.reportRecording(record);
  }

  private handleLateEvent(name: string, event: AmiEvent, record: AmiFinishedCall): void {
    if (name !== 'Cdr' || record.recordingReported) return;
    this.noteRecording(record.state, event, 'RecordingFile');
    this.reportRecording(record);
  }

  private reportRecording(record: AmiFinishedCall): void {
    const fileName = record.state.recordingFile;
    if (!fileName || record.recordingReported) return;
    record.recordingReported = true;
    this.emit({ ...this.callBase(record.state), kind: 'recording-ready', at: record.endedAt, recording: { fileName } });
  }

  private rememberFinished(record: AmiFinishedCall): void {
    this.finished.set(record.state.callId, record);
    while (this.finished.size > this.finishedCallMemory) {
      const oldest = this.finished.keys().next().value;
      if (oldest === undefined) break;
      this.finished.delete(oldest);
    }
  }

  private callBase(call: AmiCallState) {
    return {
      pbx: this.pbx,
      callId: call.callId,
      from: call.from,
      did: call.did,
      to: call.to,
      direction: call.direction,
      queue: call.queue,
    };
  }

  private emit(event: NormalizedCallEvent): void {
    this.callListeners.emit(definedFields(event));
  }

  private isAgentExtension(value: string): boolean {
    return this.agentExtensionPattern.test(value);
  }

  private extensionOf(channel: string | undefined): string | undefined {
    if (!channel) return undefined;
    const endpoint = channelEndpoint(channel);
    return this.isAgentExtension(endpoint) ? endpoint : undefined;
  }
}

/** `s` (after a Goto) and empty extensions say nothing about the dialled number. */
function meaningfulExten(exten: string | undefined): string | undefined {
  const value = exten?.trim();
  return value && value !== 's' ? value : undefined;
}
