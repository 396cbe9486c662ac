import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertContact } from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('pipelines, stages, instruments and field definitions', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
  }, 180_000);
  afterAll(() => t.close());

  it('creates the three default pipelines with Romanian stages and the instruments on a fresh database', async () => {
    const res = await t.http('GET', '/api/pipelines', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.map((p: { name: string }) => p.name)).toEqual([
      'Cereri noi din publicitate și landing',
      'Bază apeluri la rece — invitații la evenimente',
      'Comunicări din alte departamente',
    ]);
    const ads = res.body[0];
    expect(ads.stages.map((s: { name: string }) => s.name)).toEqual([
      'Nou',
      'Contactat',
      'Consultat',
      'Aplicat la program',
      'Închis — succes',
      'Închis — refuz',
    ]);
    expect(ads.stages.map((s: { kind: string }) => s.kind)).toEqual(['open', 'open', 'open', 'open', 'won', 'lost']);
    const instruments = await t.http('GET', '/api/instruments', { token: admin });
    expect(instruments.body.map((i: { name: { ro: string } }) => i.name.ro)).toContain('Programul PARE 1+1');
    expect(instruments.body.length).toBeGreaterThanOrEqual(8);
  });

  it('lets settings.manage create and edit pipelines and stages, with audit, and refuses a consultant', async () => {
    const created = await t.http('POST', '/api/pipelines', {
      token: admin,
      body: { code: 'test-pipe', name: 'Test pipeline', order: 9 },
    });
    expect(created.status).toBe(201);
    const stage = await t.http('POST', `/api/pipelines/${created.body.id}/stages`, {
      token: admin,
      body: { name: 'Primul', kind: 'open', color: '#112233', staleAfterHours: 12 },
    });
    expect(stage.status).toBe(201);
    expect(stage.body).toMatchObject({ name: 'Primul', staleAfterHours: 12, requiredFieldKeys: [] });
    const patched = await t.http('PATCH', `/api/stages/${stage.body.id}`, {
      token: admin,
      body: { requiredFieldKeys: ['budget'] },
    });
    expect(patched.body.requiredFieldKeys).toEqual(['budget']);
    const duplicate = await t.http('POST', '/api/pipelines', {
      token: admin,
      body: { code: 'test-pipe', name: 'Again' },
    });
    expect(duplicate.status).toBe(409);
    const audit = await t.http('GET', `/api/audit?entityType=pipeline_stage&entityId=${stage.body.id}`, {
      token: admin,
    });
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);

    await t.http('POST', '/api/users', {
      token: admin,
      body: { email: 'cons@test.local', fullName: 'Con Sultant', password: 'consultant-pass-1', role: 'consultant' },
    });
    const consultant = await t.login('cons@test.local', 'consultant-pass-1');
    expect(
      (await t.http('POST', '/api/pipelines', { token: consultant, body: { code: 'nope', name: 'Nope' } })).status,
    ).toBe(403);
    expect((await t.http('GET', '/api/pipelines', { token: consultant })).status).toBe(200);
  });

  it('deletes a stage no card is in, refuses one with cards or the last one, naming what to do', async () => {
    const pipeline = await t.http('POST', '/api/pipelines', {
      token: admin,
      body: { code: 'stage-deletion', name: 'Ștergere' },
    });
    const stage = async (name: string, order: number) =>
      (await t.http('POST', `/api/pipelines/${pipeline.body.id}/stages`, { token: admin, body: { name, order } })).body
        .id;
    const first = await stage('Nou', 0);
    const mistaken = await stage('Greșit', 1);
    const card = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId: await insertContact(t, 'Ion Ștergere'), pipelineId: pipeline.body.id, title: 'Card' },
    });
    expect(card.body.stageId).toBe(first);

    const withCards = await t.http('DELETE', `/api/stages/${first}`, { token: admin });
    expect(withCards.status).toBe(409);
    expect(withCards.body).toMatchObject({ error: 'stage_has_cards' });
    expect(withCards.body.message).toMatch(/move them/);

    expect((await t.http('DELETE', `/api/stages/${mistaken}`, { token: admin })).status).toBe(204);
    const after = await t.http('GET', `/api/pipelines/${pipeline.body.id}`, { token: admin });
    expect(after.body.stages.map((s: { id: string }) => s.id)).toEqual([first]);
    const audit = await t.http('GET', `/api/audit?entityType=pipeline_stage&entityId=${mistaken}`, { token: admin });
    expect(audit.body[0]).toMatchObject({ action: 'delete', before: { name: 'Greșit' } });

    const last = await t.http('DELETE', `/api/stages/${first}`, { token: admin });
    expect(last.status).toBe(409);
    expect(last.body.error).toBe('last_stage');
    expect((await t.http('DELETE', `/api/stages/${mistaken}`, { token: admin })).status).toBe(404);
  });

  it('defines grouped custom fields of every type and validates choice options', async () => {
    const group = await t.http('POST', '/api/field-groups', {
      token: admin,
      body: { name: { ro: 'Date despre afacere', en: 'Business' }, order: 1 },
    });
    expect(group.status).toBe(201);
    const field = await t.http('POST', '/api/field-definitions', {
      token: admin,
      body: {
        key: 'employees',
        label: { ro: 'Număr angajați' },
        type: 'number',
        groupId: group.body.id,
      },
    });
    expect(field.status).toBe(201);
    expect(field.body).toMatchObject({ key: 'employees', type: 'number', groupId: group.body.id, pipelineIds: [] });
    const noOptions = await t.http('POST', '/api/field-definitions', {
      token: admin,
      body: { key: 'sector', label: { ro: 'Sector' }, type: 'select' },
    });
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.fields.options).toBeDefined();
    const list = await t.http('GET', '/api/field-definitions', { token: admin });
    expect(list.body.map((d: { key: string }) => d.key)).toEqual(['employees']);
  });
});
