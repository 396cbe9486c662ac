import { afterEach, describe, expect, it } from 'vitest';
import { AsteriskAmiAdapter } from '../src/asterisk/asterisk-ami-adapter.js';
import type { AmiConnectionState } from '../src/asterisk/asterisk-ami-config.js';
import type { AgentStatusEvent, NormalizedCallEvent } from '../src/telephony-adapter.js';
import { readAmiFixture } from './support/ami-transcript.js';
import { amiFixtureNames, expectedAgentStatuses, expectedCallEvents } from './support/expected-ami-calls.js';
import { FakeAmiServer } from './support/fake-ami-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startReplay(fixture: string, serverOptions: { chunks?: number; rejectLoginWith?: string } = {}) {
  const server = new FakeAmiServer({ transcript: readAmiFixture(fixture), ...serverOptions });
  const port = await server.listen();
  const adapter = new AsteriskAmiAdapter({
    host: '127.0.0.1',
    port,
    username: 'crm',
    secret: 'crm-secret',
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    actionTimeoutMs: 2_000,
  });
  const events: NormalizedCallEvent[] = [];
  const statuses: AgentStatusEvent[] = [];
  const states: AmiConnectionState[] = [];
  adapter.onEvent((event) => events.push(event));
  adapter.onAgentStatus((event) => statuses.push(event));
  adapter.onConnectionState((state) => states.push(state));
  cleanups.push(() => server.close());
  cleanups.push(() => adapter.stop());
  await adapter.start();
  return { server, adapter, events, statuses, states };
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The replay ends with the capture's logoff response; once events stop arriving, wait a little more. */
async function waitForReplayEnd(count: () => number, expected: number): Promise<void> {
  await waitFor(() => count() >= expected);
  await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('Asterisk AMI adapter replaying real captures over TCP', () => {
  it.each(amiFixtureNames)('%s yields exactly the expected normalized calls', async (fixture) => {
    const { adapter, server, events, statuses } = await startReplay(fixture);
    await adapter.connected();
    const expectedStatuses = expectedAgentStatuses[fixture] ?? [];
    await waitForReplayEnd(
      () => events.length + statuses.length,
      expectedCallEvents[fixture].length + expectedStatuses.length,
    );

    expect(events).toEqual(expectedCallEvents[fixture]);
    expect(statuses).toEqual(expectedStatuses);
    expect(server.actions[0]).toMatchObject({ action: 'login', username: 'crm', secret: 'crm-secret', event: 'on' });
    expect(adapter.tracker.activeCalls()).toHaveLength(0);
  });

  it('reassembles events cut into many small TCP chunks', async () => {
    const { adapter, events } = await startReplay('a-answered', { chunks: 400 });
    await adapter.connected();
    await waitForReplayEnd(() => events.length, expectedCallEvents['a-answered'].length);
    expect(events).toEqual(expectedCallEvents['a-answered']);
  });

  it('reconnects and logs in again after the server drops the connection', async () => {
    const { adapter, server, states, events } = await startReplay('e-direct-dial');
    await adapter.connected();
    await waitFor(() => events.length === expectedCallEvents['e-direct-dial'].length);

    server.dropConnections();
    await waitFor(() => server.connectionCount === 2 && adapter.isConnected());

    expect(server.actions.filter((action) => action.action === 'login')).toHaveLength(2);
    expect(states.map((state) => state.state)).toEqual([
      'connecting',
      'connected',
      'disconnected',
      'connecting',
      'connected',
    ]);
    expect(states[2]).toEqual({ state: 'disconnected', reason: 'AMI connection closed', retryInMs: 20 });
    // The replayed call after reconnecting is the same Linkedid: already finished, so nothing is repeated.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(events).toEqual(expectedCallEvents['e-direct-dial']);
  });

  it('backs off exponentially while the login is rejected', async () => {
    const { adapter, states } = await startReplay('00-registration', { rejectLoginWith: 'Authentication failed' });
    await waitFor(() => states.filter((state) => state.state === 'disconnected').length >= 3);
    await adapter.stop();

    const failures = states.filter((state) => state.state === 'disconnected');
    expect(failures.slice(0, 3)).toEqual([
      {
        state: 'disconnected',
        reason: 'AMI login failed (Authentication failed): check the AMI username and secret',
        retryInMs: 20,
      },
      {
        state: 'disconnected',
        reason: 'AMI login failed (Authentication failed): check the AMI username and secret',
        retryInMs: 40,
      },
      {
        state: 'disconnected',
        reason: 'AMI login failed (Authentication failed): check the AMI username and secret',
        retryInMs: 80,
      },
    ]);
    expect(adapter.isConnected()).toBe(false);
  });

  it('originates a call with the AMI Originate action', async () => {
    const { adapter, server } = await startReplay('00-registration');
    await adapter.connected();

    const result = await adapter.originate({ fromExtension: '101', to: '+37369123456', callerId: '"CRM" <1000>' });

    expect(result.callId).toMatch(/^crm-[0-9a-f-]{36}$/);
    const originate = server.actions.find((action) => action.action === 'Originate');
    expect(originate).toEqual({
      action: 'Originate',
      actionid: expect.any(String),
      async: 'true',
      callerid: '"CRM" <1000>',
      channel: 'PJSIP/101',
      channelid: result.callId,
      context: 'from-internal',
      exten: '+37369123456',
      priority: '1',
      timeout: '30000',
    });
  });

  it('refuses to originate while disconnected, saying what to check', async () => {
    const adapter = new AsteriskAmiAdapter({ host: '127.0.0.1', port: 1, username: 'crm', secret: 'x' });
    await expect(adapter.originate({ fromExtension: '101', to: '102' })).rejects.toThrow(
      'Asterisk AMI is not connected: check the AMI host, port and credentials, then retry.',
    );
  });
});
