import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoSeedRunner } from '../../src/seed/demo-seed.runner.js';
import { DEMO_PASSWORD } from '../../src/seed/identity-seed.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('CRM core demo data', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoSeedRunner).seedOnce();
    admin = await t.login();
  }, 400_000);
  afterAll(() => t.close());

  it('spreads ~40 cards over the three pipelines and their stages, with instruments, custom fields and lived-in history', async () => {
    const pipelines = await t.http('GET', '/api/pipelines', { token: admin });
    expect(pipelines.body.every((p: { departmentId: string | null }) => p.departmentId)).toBe(true);
    const cards = await t.http('GET', '/api/cards?limit=200', { token: admin });
    expect(cards.body.total).toBe(40);
    const perPipeline = new Set(cards.body.items.map((c: { pipelineId: string }) => c.pipelineId));
    expect(perPipeline.size).toBe(3);
    expect(new Set(cards.body.items.map((c: { stageId: string }) => c.stageId)).size).toBeGreaterThanOrEqual(10);
    expect(cards.body.items.some((c: { status: string }) => c.status === 'closed')).toBe(true);
    expect(cards.body.items.filter((c: { instruments: string[] }) => c.instruments.length).length).toBeGreaterThan(10);
    expect(cards.body.items.some((c: { fields: Record<string, unknown> }) => typeof c.fields.sector === 'string')).toBe(
      true,
    );
    const moved = cards.body.items.find((c: { instruments: string[] }) => c.instruments.length);
    const history = await t.http('GET', `/api/cards/${moved.id}/stage-history`, { token: admin });
    expect(history.body.length).toBeGreaterThan(1);
    expect(history.body.at(-1).durationSeconds).toBeGreaterThan(3600);
    const timeline = await t.http('GET', `/api/cards/${moved.id}/timeline`, { token: admin });
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toContain('note');
  });

  it('gives the demo consultants overdue, due-today, done and subtasked tasks, and leaves a few cards for the policy report', async () => {
    const ana = await t.login('ana.popescu@consult.local', DEMO_PASSWORD);
    const overdue = await t.http('GET', '/api/tasks?assignee=me&overdue=true', { token: ana });
    expect(overdue.body.total).toBeGreaterThan(0);
    const all = await t.http('GET', '/api/tasks?limit=500', { token: admin });
    expect(all.body.items.some((x: { status: string; result: string }) => x.status === 'done' && x.result)).toBe(true);
    expect(all.body.items.some((x: { parentTaskId: string | null }) => x.parentTaskId)).toBe(true);
    const today = await t.http('GET', '/api/tasks?dueToday=true', { token: admin });
    expect(today.body.total).toBeGreaterThan(0);
    const report = await t.http('GET', '/api/cards/without-open-task', { token: admin });
    expect(report.body.length).toBeGreaterThan(0);
    expect(report.body.length).toBeLessThan(10);
  });
});
