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
import type { AmiCallState, AmiFinishedCall } from './ami-call-state.js';
import {
  addDialLeg,
  applyDialplanStep,
  callStateFromFirstChannel,
  noteRecording,
  trackChannel,
} from './ami-call-updates.js';
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
    trackChannel(call, name, event);
    if (ringWaveSettledBy.has(name)) this.reportRingWave(call);
    this.apply(call, name, event, at);
  }

  private apply(call: AmiCallState, name: string, event: AmiEvent, at: Date): void {
    switch (name) {
      case 'Newexten':
        return applyDialplanStep(call, event, this.isAgentExtension);
      case 'VarSet':
        if (amiVariableName(event) === 'MIXMONITOR_FILENAME') noteRecording(call, event, 'Value');
        return;
      case 'UserEvent':
        if (amiText(event, 'UserEvent') === 'CrmCallInfo') noteRecording(call, event, 'Recording');
        return;
      case 'Cdr':
        return noteRecording(call, event, 'RecordingFile');
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
        return this.addDialLeg(call, amiText(event, 'DestChannel'), at);
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
    const call = callStateFromFirstChannel(name, event, callId, this.isAgentExtension, this.now);
    if (call) this.calls.set(callId, call);
    return call;
  }

  private addDialLeg(call: AmiCallState, destChannel: string | undefined, at: Date): void {
    if (destChannel) addDialLeg(call, destChannel, this.extensionOf(destChannel), at);
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
    noteRecording(record.state, event, 'RecordingFile');
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

  private readonly isAgentExtension = (value: string): boolean => this.agentExtensionPattern.test(value);

  private extensionOf(channel: string | undefined): string | undefined {
    if (!channel) return undefined;
    const endpoint = channelEndpoint(channel);
    return this.isAgentExtension(endpoint) ? endpoint : undefined;
  }
}
