import { io, type Socket } from 'socket.io-client';
import { CallEventsService } from '../../../src/calls/call-events.service.js';
import type { CallEvent } from '../../../src/calls/call-event.js';
import type { TestApp } from '../../support/test-app.js';

export const CONSULTANT_PASSWORD = 'consultant-password-2026';

export type Agent = { id: string; email: string; token: string; extension: string | null; desk: AgentDesk };

/** A consultant's desk socket that remembers every event it received. */
export class AgentDesk {
  readonly received: { event: string; payload: any; at: number }[] = [];
  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload, at: performance.now() }));
  }

  of(event: string, callId?: string): any[] {
    return this.received
      .filter((r) => r.event === event && (!callId || r.payload?.callId === callId))
      .map((r) => r.payload);
  }

  async waitFor(event: string, predicate: (payload: any) => boolean = () => true, timeoutMs = 3_000): Promise<any> {
    const started = Date.now();
    for (;;) {
      const hit = this.received.find((r) => r.event === event && predicate(r.payload));
      if (hit) return hit.payload;
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${event} within ${timeoutMs} ms; got ${this.received.map((r) => r.event).join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

export async function connectDesk(t: TestApp, token: string): Promise<AgentDesk> {
  const socket = io(`${t.baseUrl}/agent`, { auth: { token }, transports: ['websocket'], reconnection: false });
  const desk = new AgentDesk(socket);
  await desk.waitFor('session:ready');
  return desk;
}

export async function createAgent(
  t: TestApp,
  adminToken: string,
  fields: { email: string; fullName?: string; extension?: string | null; role?: string; extraPermissions?: string[] },
): Promise<Agent> {
  const res = await t.http('POST', '/api/users', {
    token: adminToken,
    body: {
      email: fields.email,
      fullName: fields.fullName ?? fields.email.split('@')[0],
      password: CONSULTANT_PASSWORD,
      role: fields.role ?? 'consultant',
      phoneExtension: fields.extension ?? null,
      extraPermissions: fields.extraPermissions ?? [],
    },
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`create user ${fields.email}: ${res.status} ${JSON.stringify(res.body)}`);
  const token = await t.login(fields.email, CONSULTANT_PASSWORD);
  return {
    id: res.body.id,
    email: fields.email,
    token,
    extension: fields.extension ?? null,
    desk: await connectDesk(t, token),
  };
}

let sequence = 0;
/** A fresh provider call id. */
export function nextCallId(prefix = 'test'): string {
  return `${prefix}-${Date.now()}-${++sequence}`;
}

export function callEvents(t: TestApp): CallEventsService {
  return t.app.get(CallEventsService);
}

/** The events of one inbound call, in order, starting at `at`. */
export function inboundCall(
  callId: string,
  from: string,
  at: Date,
  options: { did?: string; extensions?: string[]; pbx?: string } = {},
) {
  const base = {
    pbx: options.pbx ?? 'asterisk',
    callId,
    from,
    did: options.did ?? '1000',
    direction: 'inbound' as const,
    queue: 'support',
  };
  const after = (seconds: number) => new Date(at.getTime() + seconds * 1000);
  return {
    ringing: {
      ...base,
      kind: 'ringing',
      at,
      agentExtensions: options.extensions ?? ['101', '102'],
    } satisfies CallEvent,
    answered: (extension: string, seconds = 5): CallEvent => ({
      ...base,
      kind: 'answered',
      at: after(seconds),
      agentExtension: extension,
      waitSeconds: seconds,
    }),
    ended: (extension: string, talk = 6, wait = 5): CallEvent => ({
      ...base,
      kind: 'ended',
      at: after(wait + talk),
      agentExtension: extension,
      talkSeconds: talk,
      waitSeconds: wait,
      outcome: 'answered',
    }),
    missed: (outcome: CallEvent['outcome'] = 'abandoned', wait = 12): CallEvent => ({
      ...base,
      kind: 'missed',
      at: after(wait),
      waitSeconds: wait,
      outcome,
    }),
    recording: (fileName: string): CallEvent => ({
      ...base,
      kind: 'recording-ready',
      at: after(20),
      recording: { fileName },
    }),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
