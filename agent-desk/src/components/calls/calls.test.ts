import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import { callsApi } from '@/api/calls-api';
import type { CallRecord, TimelineEntry } from '@/api/types';
import { recordedCallId } from '@/components/timeline/timeline-text';
import { useSessionStore } from '@/stores/session';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import CallsPage from '@/pages/CallsPage.vue';
import { callsQuery, dayBoundary, defaultCallsFilter, duration } from './calls-filter';
import ClickToCall from './ClickToCall.vue';
import RecordingPlayer from './RecordingPlayer.vue';
import TimelineFeed from '@/components/timeline/TimelineFeed.vue';

const call = (over: Partial<CallRecord> = {}): CallRecord => ({
  id: 'call-1',
  direction: 'inbound',
  fromNumber: '+37369123456',
  contactId: 'ct-1',
  contactName: 'Ion Rusu',
  answeredByUserId: 'u1',
  answeredByName: 'Ana Popescu',
  status: 'answered',
  startedAt: '2026-03-02T09:00:00.000Z',
  answeredAt: '2026-03-02T09:00:05.000Z',
  waitSeconds: 5,
  talkSeconds: 125,
  calledBackAt: null,
  ...over,
});

describe('calls filter', () => {
  it('turns the period, view and consultant into the API query (the end day is included)', () => {
    const filter = { fromDay: '2026-03-01', toDay: '2026-03-07', view: 'not_called_back' as const, userId: 'u1' };
    expect(callsQuery(filter, 50)).toEqual({
      from: dayBoundary('2026-03-01'),
      to: dayBoundary('2026-03-08'),
      limit: 50,
      offset: 50,
      status: 'unanswered',
      notCalledBack: true,
      userId: 'u1',
    });
    expect(dayBoundary('2026-03-07', true)).toBe(dayBoundary('2026-03-08'));
    expect(callsQuery({ ...filter, view: 'answered', userId: null })).toMatchObject({ status: 'answered' });
    expect(callsQuery({ ...filter, view: 'all', userId: null }).status).toBeUndefined();
    const week = defaultCallsFilter(new Date(2026, 2, 10, 12));
    expect([week.fromDay, week.toDay]).toEqual(['2026-03-04', '2026-03-10']);
    expect(duration(125)).toBe('2:05');
    expect(duration(null)).toBe('—');
  });

  it('offers a recording only for timeline calls somebody talked in', () => {
    const entry = (summary: Record<string, unknown>): TimelineEntry => ({
      id: 1,
      kind: 'call',
      occurredAt: '',
      refType: 'call',
      refId: 'call-9',
      summary,
    });
    expect(recordedCallId(entry({ talkSeconds: 30 }))).toBe('call-9');
    expect(recordedCallId(entry({ talkSeconds: 0, status: 'missed' }))).toBeNull();
    expect(recordedCallId({ ...entry({ talkSeconds: 30 }), kind: 'note' })).toBeNull();
  });
});

describe('RecordingPlayer', () => {
  it('streams the call’s recording with seek, ±10 s jumps and speed, and says when it is unavailable', async () => {
    const { wrapper } = mountDesk(RecordingPlayer, { props: { callId: 'call-1', canDownload: true } });
    const audio = document.querySelector<HTMLAudioElement>('audio')!;
    expect(audio.getAttribute('src')).toBe('/api/calls/call-1/recording');
    expect(audio.hasAttribute('controls')).toBe(true);
    Object.defineProperty(audio, 'duration', { value: 60, configurable: true });
    audio.currentTime = 55;
    document.querySelector<HTMLButtonElement>('[data-testid="recording-forward"]')!.click();
    expect(audio.currentTime).toBe(60);
    audio.currentTime = 4;
    document.querySelector<HTMLButtonElement>('[data-testid="recording-back"]')!.click();
    expect(audio.currentTime).toBe(0);
    document.querySelector<HTMLButtonElement>('[data-testid="recording-speed"]')!.click();
    await flush();
    expect(audio.playbackRate).toBe(1.25);
    expect(document.querySelector('[data-testid="recording-speed"]')?.textContent).toContain('1.25×');
    expect(document.querySelector<HTMLAnchorElement>('a[download]')?.getAttribute('href')).toBe(
      '/api/calls/call-1/recording',
    );
    audio.dispatchEvent(new Event('error'));
    await flush();
    expect(document.body.textContent).toContain('Înregistrarea nu este (încă) disponibilă.');
    wrapper.unmount();
  });
});

describe('CallsPage', () => {
  it('lists calls for a supervisor, filters missed-not-called-back, opens a player and offers the period ZIP', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/calls': {
        body: {
          items: [
            call(),
            call({
              id: 'call-2',
              status: 'missed',
              answeredAt: null,
              answeredByUserId: null,
              answeredByName: null,
              talkSeconds: 0,
            }),
          ],
          total: 2,
          limit: 50,
          offset: 0,
        },
      },
      'GET /api/users': { body: [{ id: 'u1', fullName: 'Ana Popescu', role: 'consultant', departmentId: null }] },
    });
    api.configure({ fetch });
    const { wrapper, pinia } = mountDesk(CallsPage);
    const session = useSessionStore(pinia);
    session.user = {
      id: 's1',
      email: 's@x',
      fullName: 'Elena Rusu',
      role: 'supervisor',
      departmentId: null,
      permissions: ['calls.listen', 'calls.download'],
      locale: 'ro',
      phoneExtension: '100',
      photoUrl: null,
    };
    for (let i = 0; i < 4; i++) await flush();
    const rows = document.querySelectorAll('[data-testid="call-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Ion Rusu');
    expect(rows[0].textContent).toContain('2:05');
    expect(rows[1].textContent).toContain('Pierdut');
    expect(rows[1].textContent).toContain('nereturnat');
    expect(rows[1].querySelector('[data-testid="call-listen"]')).toBeNull();
    rows[0].querySelector<HTMLButtonElement>('[data-testid="call-listen"]')!.click();
    await flush();
    expect(document.querySelector('[data-testid="recording-player"]')?.getAttribute('data-call-id')).toBe('call-1');
    const zip = document.querySelector<HTMLAnchorElement>('[data-testid="recordings-zip"]')!;
    expect(zip.getAttribute('href')).toContain('/api/calls/recordings.zip?from=');

    document.querySelector<HTMLElement>('[data-testid="calls-view-not_called_back"] input')!.click();
    for (let i = 0; i < 3; i++) await flush();
    const last = calls.filter((c) => c.url.startsWith('/api/calls?')).at(-1)!;
    expect(last.url).toContain('status=unanswered');
    expect(last.url).toContain('notCalledBack=true');
    wrapper.unmount();
  });
});

describe('ClickToCall', () => {
  it('asks the PBX to ring me and dial the number, and shows the server’s reason when it cannot', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /api/calls/originate': {
        status: 422,
        body: {
          error: 'validation_failed',
          message: 'Your user has no phone extension.',
          fields: { phoneExtension: 'Ask an administrator.' },
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(ClickToCall, { props: { number: '+37369123456' } });
    document.querySelector<HTMLButtonElement>('[data-testid="click-to-call"]')!.click();
    for (let i = 0; i < 4; i++) await flush();
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/calls/originate', body: { number: '+37369123456' } });
    expect(document.body.textContent).toContain('Your user has no phone extension.');
    expect(callsApi.archiveUrl('a', 'b')).toBe('/api/calls/recordings.zip?from=a&to=b');
    wrapper.unmount();
  });
});

describe('call entries on a timeline', () => {
  it('read in the interface language and open the recording player', async () => {
    const entry: TimelineEntry = {
      id: 7,
      kind: 'call',
      occurredAt: '2026-03-02T09:00:00Z',
      refType: 'call',
      refId: 'call-7',
      summary: { direction: 'inbound', status: 'answered', talkSeconds: 42 },
    };
    const { wrapper, pinia } = mountDesk(TimelineFeed, {
      props: { load: async () => ({ items: [entry], nextCursor: null }), ownerKey: 'ct-1' },
    });
    useSessionStore(pinia).user = {
      id: 'u1',
      email: 'a@x',
      fullName: 'Ana',
      role: 'consultant',
      departmentId: null,
      permissions: ['calls.listen'],
      locale: 'ro',
      phoneExtension: null,
      photoUrl: null,
    };
    for (let i = 0; i < 4; i++) await flush();
    expect(document.querySelector('.entry.call .text')?.textContent).toBe('De intrare · Preluat · 0:42');
    document.querySelector<HTMLButtonElement>('[data-testid="timeline-listen"]')!.click();
    await flush();
    expect(document.querySelector('[data-testid="recording-player"] audio')?.getAttribute('src')).toBe(
      '/api/calls/call-7/recording',
    );
    wrapper.unmount();
  });
});
