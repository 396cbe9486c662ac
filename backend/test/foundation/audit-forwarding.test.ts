import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditForwarder } from '../../src/audit/audit-forwarder.js';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Received = { headers: Record<string, string | string[] | undefined>; body: string };

describe('audit forwarding to MLog', () => {
  let t: TestApp;
  let mlog: Server;
  const received: Received[] = [];
  let refuse = true;

  beforeAll(async () => {
    mlog = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(refuse ? 503 : 202).end();
      });
    });
    await new Promise<void>((r) => mlog.listen(0, '127.0.0.1', r));
    t = await createTestApp({
      MLOG_URL: `http://127.0.0.1:${(mlog.address() as AddressInfo).port}/ingest`,
      MLOG_TOKEN: 'mlog-token',
      MLOG_SIGNING_SECRET: 'mlog-secret',
      MLOG_BATCH_SIZE: '3',
    });
  });
  afterAll(async () => {
    await t.close();
    mlog.close();
  });

  it('keeps events pending while MLog refuses, then ships them all in order, signed', async () => {
    const token = await t.login();
    for (const code of ['a', 'b', 'c', 'd'])
      await t.http('POST', '/api/departments', { token, body: { code: `dept-${code}`, name: `Department ${code}` } });
    const forwarder = t.app.get(AuditForwarder);

    await expect(forwarder.forwardAll()).rejects.toThrow(/HTTP 503/);
    expect(
      (await t.db.select().from(auditEvents).where(isNull(auditEvents.forwardedAt))).length,
    ).toBeGreaterThanOrEqual(6);

    refuse = false;
    received.length = 0;
    const forwarded = await forwarder.forwardAll();
    expect(forwarded).toBeGreaterThanOrEqual(6);
    expect(await t.db.select().from(auditEvents).where(isNull(auditEvents.forwardedAt))).toHaveLength(0);

    const ids = received.flatMap((r) => JSON.parse(r.body).events.map((e: { id: number }) => e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const first = received[0];
    expect(first.headers.authorization).toBe('Bearer mlog-token');
    expect(first.headers['x-signature-sha256']).toBe(
      createHmac('sha256', 'mlog-secret').update(first.body).digest('hex'),
    );
    const events = JSON.parse(first.body).events;
    expect(events).toHaveLength(3);
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(await forwarder.forwardAll()).toBe(0);
  });
});
