import { describe, expect, it } from 'vitest';
import { AmiCallTracker } from '../src/asterisk/ami-call-tracker.js';
import { amiEventName, amiVariableName, type AmiEvent } from '../src/asterisk/ami-event.js';
import type { AgentStatusEvent, NormalizedCallEvent } from '../src/telephony-adapter.js';
import { parseAmiTranscript, readAmiFixture } from './support/ami-transcript.js';
import { amiFixtureNames, expectedAgentStatuses, expectedCallEvents } from './support/expected-ami-calls.js';

function track(events: AmiEvent[], tracker = new AmiCallTracker()) {
  const calls: NormalizedCallEvent[] = [];
  const statuses: AgentStatusEvent[] = [];
  tracker.onEvent((event) => calls.push(event));
  tracker.onAgentStatus((event) => statuses.push(event));
  for (const event of events) tracker.handle(event);
  return { calls, statuses, tracker };
}

/** The shape asterisk-manager emits: lower-cased keys, VarSet variable as `{ NAME: '' }`. */
function asAsteriskManagerEmits(event: AmiEvent): AmiEvent {
  const shaped: AmiEvent = {};
  for (const [key, value] of Object.entries(event)) shaped[key.toLowerCase()] = value;
  if (typeof shaped.variable === 'string') shaped.variable = { [shaped.variable]: '' };
  return shaped;
}

const fixtureEvents = (name: string) => parseAmiTranscript(readAmiFixture(name));

describe('AmiCallTracker fed parsed capture events', () => {
  it.each(amiFixtureNames)('%s: wire-spelled events give the expected calls', (fixture) => {
    const { calls, statuses, tracker } = track(fixtureEvents(fixture));
    expect(calls).toEqual(expectedCallEvents[fixture]);
    expect(statuses).toEqual(expectedAgentStatuses[fixture] ?? []);
    expect(tracker.activeCalls()).toHaveLength(0);
  });

  it.each(amiFixtureNames)('%s: asterisk-manager-shaped events give the same calls', (fixture) => {
    const { calls } = track(fixtureEvents(fixture).map(asAsteriskManagerEmits));
    expect(calls).toEqual(expectedCallEvents[fixture]);
  });

  it('ignores the duplicate DialEnd CANCEL of the losing queue leg and the second Cdr', () => {
    const events = fixtureEvents('a-answered');
    const dialEnds = events.filter((event) => amiEventName(event) === 'DialEnd');
    const cdrs = events.filter((event) => amiEventName(event) === 'Cdr');
    expect(dialEnds.map((event) => `${event.DestChannel} ${event.DialStatus}`)).toEqual([
      'PJSIP/101-00000001 ANSWER',
      'PJSIP/102-00000002 CANCEL',
      'PJSIP/102-00000002 CANCEL',
    ]);
    expect(cdrs).toHaveLength(2);

    const { calls } = track([...events, ...cdrs, ...dialEnds]);
    expect(calls.map((call) => call.kind)).toEqual(['ringing', 'answered', 'ended', 'recording-ready']);
  });

  it('tracks the call while AMI runs its ring-all queue twice (two ring waves, one missed)', () => {
    const { calls } = track(fixtureEvents('b-missed'));
    expect(calls.filter((call) => call.kind === 'ringing').map((call) => call.agentExtensions)).toEqual([
      ['101', '102'],
      ['101', '102'],
    ]);
    expect(calls.filter((call) => call.kind === 'missed')).toHaveLength(1);
  });

  it('takes the recording file from the UserEvent CrmCallInfo when VarSet and Cdr lack it', () => {
    const events = fixtureEvents('a-answered')
      .filter((event) => amiVariableName(event) !== 'MIXMONITOR_FILENAME')
      .map((event) => (amiEventName(event) === 'Cdr' ? { ...event, RecordingFile: '' } : event));
    const { calls } = track(events);
    expect(calls.at(-1)).toMatchObject({
      kind: 'recording-ready',
      recording: { fileName: '/tmp/asterisk-lab/rec/20261122-175610-+37369123456-1795370170.0.wav' },
    });
  });

  it('reports the recording from a Cdr that arrives after the last Hangup', () => {
    const events = fixtureEvents('e-direct-dial')
      .filter((event) => amiVariableName(event) !== 'MIXMONITOR_FILENAME' && event.Application !== 'MixMonitor')
      .map((event) => (amiEventName(event) === 'Cdr' ? { ...event, RecordingFile: '/var/spool/rec/late.wav' } : event));
    const { calls } = track(events);
    expect(calls.map((call) => call.kind)).toEqual(['ringing', 'answered', 'ended', 'recording-ready']);
    expect(calls[3]).toMatchObject({ at: calls[2].at, recording: { fileName: '/var/spool/rec/late.wav' } });
  });

  it('takes the DID from Newchannel Exten, not from the Cdr Destination `s` after a Goto', () => {
    const cdr = fixtureEvents('d-afterhours').find((event) => amiEventName(event) === 'Cdr');
    expect(cdr?.Destination).toBe('s');
    expect(track(fixtureEvents('d-afterhours')).calls[0].did).toBe('1999');
  });
});

describe('AmiCallTracker with hand-written events', () => {
  const channelEvent = (event: string, channel: string, fields: Record<string, string> = {}): AmiEvent => ({
    Event: event,
    Channel: channel,
    Uniqueid: fields.Uniqueid ?? channel,
    Linkedid: 'call-1',
    ...fields,
  });
  const dial = (event: string, dest: string, fields: Record<string, string> = {}) =>
    channelEvent(event, 'PJSIP/101-00000010', { Uniqueid: 'call-1', DestChannel: dest, ...fields });

  it('an agent calling out is outbound, from the extension to the dialled number, without a ringing wave', () => {
    const clock = () => new Date('2026-01-01T10:00:00Z');
    const { calls } = track(
      [
        channelEvent('Newchannel', 'PJSIP/101-00000010', {
          Uniqueid: 'call-1',
          CallerIDNum: '101',
          Exten: '+37369123456',
        }),
        channelEvent('Newchannel', 'PJSIP/trunk-00000011', { Exten: 's' }),
        dial('DialBegin', 'PJSIP/trunk-00000011'),
        dial('DialEnd', 'PJSIP/trunk-00000011', { DialStatus: 'ANSWER' }),
        channelEvent('Hangup', 'PJSIP/trunk-00000011'),
        channelEvent('Hangup', 'PJSIP/101-00000010', { Uniqueid: 'call-1' }),
      ],
      new AmiCallTracker({ now: clock }),
    );
    const base = {
      pbx: 'asterisk',
      callId: 'call-1',
      from: '101',
      to: '+37369123456',
      direction: 'outbound',
      at: clock(),
    };
    expect(calls).toEqual([
      { ...base, kind: 'answered', agentExtension: '101', waitSeconds: 0 },
      { ...base, kind: 'ended', agentExtension: '101', waitSeconds: 0, talkSeconds: 0, outcome: 'answered' },
    ]);
  });

  it('an internal call to a busy extension ends missed with outcome busy', () => {
    const { calls } = track([
      channelEvent('Newchannel', 'PJSIP/101-00000010', {
        Uniqueid: 'call-1',
        CallerIDNum: '101',
        Exten: '102',
        Timestamp: '100',
      }),
      dial('DialBegin', 'PJSIP/102-00000011', { Timestamp: '100.5' }),
      dial('DialEnd', 'PJSIP/102-00000011', { DialStatus: 'BUSY', Timestamp: '101' }),
      channelEvent('Hangup', 'PJSIP/102-00000011', { Timestamp: '101' }),
      channelEvent('Hangup', 'PJSIP/101-00000010', { Uniqueid: 'call-1', Timestamp: '103' }),
    ]);
    expect(calls.map((call) => [call.kind, call.direction, call.outcome ?? call.agentExtensions])).toEqual([
      ['ringing', 'internal', ['102']],
      ['missed', 'internal', 'busy'],
    ]);
    expect(calls[1]).toMatchObject({ from: '101', to: '102', waitSeconds: 3 });
  });

  it('maps PeerStatus to agent-status online/offline', () => {
    const { statuses } = track([
      { Event: 'PeerStatus', Peer: 'PJSIP/103', PeerStatus: 'Unreachable', Timestamp: '1795370698.5' },
    ]);
    expect(statuses).toEqual([
      {
        kind: 'agent-status',
        pbx: 'asterisk',
        at: new Date(1795370698500),
        agentExtension: '103',
        status: 'offline',
        detail: 'Unreachable',
      },
    ]);
  });
});
