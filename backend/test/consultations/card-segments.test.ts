import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { insertContact, pipelineByCode, stageNamed, type PipelineView } from './crm-fixtures.js';

describe('segments over consultation cards (stage, pipeline, instrument)', () => {
  let t: TestApp;
  let admin: string;
  let ads: PipelineView;
  let cold: PipelineView;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    ads = await pipelineByCode(t, admin, 'ads-landing');
    cold = await pipelineByCode(t, admin, 'cold-calls-events');
    const cards = [
      { name: 'Ana Ads New PARE', pipeline: ads, instruments: ['pare-1-1'] },
      { name: 'Ion Ads New Both', pipeline: ads, instruments: ['pare-1-1', 'start-tineri'] },
      { name: 'Vera Cold Tineri', pipeline: cold, instruments: ['start-tineri'] },
    ];
    for (const c of cards) {
      const contactId = await insertContact(t, c.name);
      const res = await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: c.pipeline.id, title: c.name },
      });
      expect(res.status).toBe(201);
      for (const code of c.instruments)
        expect(
          (await t.http('PUT', `/api/cards/${res.body.id}/instruments/${code}`, { token: admin })).status,
        ).toBeLessThan(300);
    }
    await insertContact(t, 'Nobody Without Cards');
  }, 180_000);
  afterAll(() => t.close());

  const count = async (conditions: unknown[]) => {
    const res = await t.http('POST', '/api/segments/preview', { token: admin, body: { filter: { conditions } } });
    expect(res.status).toBe(200);
    return res.body.count as number;
  };

  it('lists the card fields among the segment fields', async () => {
    const res = await t.http('GET', '/api/segments/fields', { token: admin });
    expect(res.body.fields).toEqual(expect.arrayContaining(['cardStage', 'cardPipeline', 'instrument']));
  });

  it('selects contacts by their cards’ stage, pipeline and instruments', async () => {
    const entryStage = ads.stages[0].id;
    expect(await count([{ field: 'cardStage', stageIds: [entryStage] }])).toBe(2);
    expect(await count([{ field: 'cardStage', stageIds: [stageNamed(ads, 'Contactat')] }])).toBe(0);
    expect(await count([{ field: 'cardPipeline', pipelineIds: [cold.id] }])).toBe(1);
    expect(await count([{ field: 'cardPipeline', pipelineIds: [cold.id], status: 'closed' }])).toBe(0);
    expect(await count([{ field: 'instrument', codes: ['start-tineri'] }])).toBe(2);
    expect(await count([{ field: 'instrument', codes: ['pare-1-1', 'start-tineri'], match: 'all' }])).toBe(1);
    expect(
      await count([
        { field: 'instrument', codes: ['pare-1-1'] },
        { field: 'cardPipeline', pipelineIds: [ads.id] },
      ]),
    ).toBe(2);
  });

  it('rejects a malformed card condition with 400 naming the field', async () => {
    const res = await t.http('POST', '/api/segments/preview', {
      token: admin,
      body: { filter: { conditions: [{ field: 'cardStage', stageIds: [] }] } },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.fields)).toMatch(/stage/i);
  });
});
