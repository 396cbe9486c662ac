import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardStageHistory } from '../../src/consultations/consultations.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { insertContact, pipelineByCode, stageNamed, type PipelineView } from './crm-fixtures.js';

describe('consultation cards: fields, stage rules, history, notes, timeline', () => {
  let t: TestApp;
  let admin: string;
  let ads: PipelineView;
  let contactId: string;
  let cardId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    ads = await pipelineByCode(t, admin, 'ads-landing');
    contactId = await insertContact(t, 'Ion Rotaru');
    for (const body of [
      { key: 'employees', label: { ro: 'Număr angajați' }, type: 'number' },
      {
        key: 'sector',
        label: { ro: 'Sector' },
        type: 'select',
        options: [
          { value: 'agro', label: { ro: 'Agricultură' } },
          { value: 'it', label: { ro: 'IT' } },
        ],
      },
      { key: 'contactEmail', label: { ro: 'E-mail' }, type: 'email' },
      { key: 'requestedAmount', label: { ro: 'Suma solicitată' }, type: 'money' },
      { key: 'startDate', label: { ro: 'Data lansării' }, type: 'date' },
    ])
      expect((await t.http('POST', '/api/field-definitions', { token: admin, body })).status).toBe(201);
    await t.http('PATCH', `/api/stages/${stageNamed(ads, 'Contactat')}`, {
      token: admin,
      body: { requiredFieldKeys: ['employees'] },
    });
  }, 180_000);
  afterAll(() => t.close());

  it('creates a card in the entry stage with the pipeline defaults, audited and on the timeline', async () => {
    const res = await t.http('POST', '/api/cards', {
      token: admin,
      body: {
        contactId,
        pipelineId: ads.id,
        title: 'Finanțare pentru o seră',
        budget: 150000.5,
        source: 'landing',
        utm: { source: 'facebook', campaign: 'pare' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      stageId: stageNamed(ads, 'Nou'),
      status: 'active',
      budget: 150000.5,
      instruments: [],
      utm: { source: 'facebook' },
    });
    cardId = res.body.id;
    const audit = await t.http('GET', `/api/audit?entityType=consultation_card&entityId=${cardId}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['create']);
    const missingContact = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId: cardId, pipelineId: ads.id, title: 'Nimic' },
    });
    expect(missingContact.status).toBe(400);
    expect(missingContact.body.fields.contactId).toBeDefined();
  });

  it('rejects custom-field values of the wrong type with 400 naming each field', async () => {
    const res = await t.http('PATCH', `/api/cards/${cardId}`, {
      token: admin,
      body: {
        fields: {
          employees: 'many',
          sector: 'mining',
          contactEmail: 'not-mail',
          requestedAmount: -5,
          startDate: '31.12.2026',
          unknownKey: 1,
        },
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(Object.keys(res.body.fields).sort()).toEqual(
      [
        'fields.contactEmail',
        'fields.employees',
        'fields.requestedAmount',
        'fields.sector',
        'fields.startDate',
        'fields.unknownKey',
      ].sort(),
    );
    const ok = await t.http('PATCH', `/api/cards/${cardId}`, {
      token: admin,
      body: { fields: { sector: 'agro', startDate: '2026-12-31' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.fields).toEqual({ sector: 'agro', startDate: '2026-12-31' });
  });

  it('refuses a stage change while the stage’s required fields are empty (422) and accepts it once filled', async () => {
    const contactat = stageNamed(ads, 'Contactat');
    const refused = await t.http('POST', `/api/cards/${cardId}/move`, { token: admin, body: { stageId: contactat } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      error: 'required_fields_missing',
      fields: { employees: 'Required in stage Contactat' },
    });
    expect(refused.body.message).toMatch(/employees/);
    const viaPatch = await t.http('PATCH', `/api/cards/${cardId}`, { token: admin, body: { stageId: contactat } });
    expect(viaPatch.status).toBe(422);

    const moved = await t.http('POST', `/api/cards/${cardId}/move`, {
      token: admin,
      body: { stageId: contactat, fields: { employees: 12 } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageId: contactat, fields: { employees: 12 } });

    const consultat = stageNamed(ads, 'Consultat');
    const needsInstruments = await t.http('POST', `/api/cards/${cardId}/move`, {
      token: admin,
      body: { stageId: consultat },
    });
    expect(needsInstruments.status).toBe(422);
    expect(needsInstruments.body.fields).toEqual({ instruments: 'Required in stage Consultat' });
    expect(
      (await t.http('PUT', `/api/cards/${cardId}/instruments/pare-1-1`, { token: admin })).body.instruments,
    ).toEqual(['pare-1-1']);
    expect(
      (await t.http('PUT', `/api/cards/${cardId}/instruments/start-tineri`, { token: admin })).body.instruments,
    ).toEqual(['pare-1-1', 'start-tineri']);
    expect(
      (await t.http('DELETE', `/api/cards/${cardId}/instruments/start-tineri`, { token: admin })).body.instruments,
    ).toEqual(['pare-1-1']);
    expect((await t.http('PUT', `/api/cards/${cardId}/instruments/no-such`, { token: admin })).status).toBe(400);
    expect(
      (await t.http('POST', `/api/cards/${cardId}/move`, { token: admin, body: { stageId: consultat } })).status,
    ).toBe(200);

    const audit = await t.http('GET', `/api/audit?entityType=consultation_card&entityId=${cardId}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'card.instrument_ticked']),
    );
  });

  it('keeps the stage history with durations and closes the card in a won stage', async () => {
    const [first] = await t.db
      .select()
      .from(cardStageHistory)
      .where(eq(cardStageHistory.cardId, cardId))
      .orderBy(cardStageHistory.id)
      .limit(1);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await t.db.update(cardStageHistory).set({ enteredAt: twoHoursAgo }).where(eq(cardStageHistory.id, first.id));

    const won = await t.http('POST', `/api/cards/${cardId}/move`, {
      token: admin,
      body: { stageId: stageNamed(ads, 'Închis — succes') },
    });
    expect(won.status).toBe(200);
    expect(won.body.status).toBe('closed');
    expect(won.body.closedAt).toBeTruthy();

    const history = await t.http('GET', `/api/cards/${cardId}/stage-history`, { token: admin });
    expect(history.status).toBe(200);
    expect(history.body.map((s: { toStageName: string }) => s.toStageName)).toEqual([
      'Nou',
      'Contactat',
      'Consultat',
      'Închis — succes',
    ]);
    expect(history.body[0]).toMatchObject({ fromStageName: null, current: false });
    expect(history.body[0].durationSeconds).toBeGreaterThanOrEqual(7190);
    expect(history.body[0].durationSeconds).toBeLessThan(7300);
    expect(history.body[1]).toMatchObject({ fromStageName: 'Nou', current: false });
    expect(history.body[3]).toMatchObject({ current: true, leftAt: null });
    for (const stay of history.body) expect(stay.durationSeconds).toBeGreaterThanOrEqual(0);

    const reopened = await t.http('POST', `/api/cards/${cardId}/move`, {
      token: admin,
      body: { stageId: stageNamed(ads, 'Consultat') },
    });
    expect(reopened.body).toMatchObject({ status: 'active', closedAt: null });
  });

  it('adds notes to cards and contacts and shows them on the paged timelines', async () => {
    const note = await t.http('POST', `/api/cards/${cardId}/notes`, {
      token: admin,
      body: { body: 'A cerut detalii despre PARE 1+1.' },
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ cardId, contactId });
    expect((await t.http('POST', `/api/cards/${cardId}/notes`, { token: admin, body: { body: '   ' } })).status).toBe(
      400,
    );
    const contactNote = await t.http('POST', `/api/contacts/${contactId}/notes`, {
      token: admin,
      body: { body: 'Preferă să fie sunat dimineața.' },
    });
    expect(contactNote.status).toBe(201);
    expect(contactNote.body.cardId).toBeNull();
    expect((await t.http('POST', `/api/contacts/${cardId}/notes`, { token: admin, body: { body: 'x' } })).status).toBe(
      404,
    );

    const feed = await t.http('GET', `/api/cards/${cardId}/timeline?limit=3`, { token: admin });
    expect(feed.status).toBe(200);
    expect(feed.body.items).toHaveLength(3);
    expect(feed.body.items[0]).toMatchObject({ kind: 'note', summary: { text: 'A cerut detalii despre PARE 1+1.' } });
    expect(feed.body.nextCursor).toBeTruthy();
    const rest = await t.http('GET', `/api/cards/${cardId}/timeline?limit=50&cursor=${feed.body.nextCursor}`, {
      token: admin,
    });
    const kinds = [...feed.body.items, ...rest.body.items].map((e: { kind: string }) => e.kind);
    expect(kinds.filter((k) => k === 'stage_changed')).toHaveLength(4);
    expect(kinds.at(-1)).toBe('card_created');
    expect(kinds).not.toContain(undefined);
    const audit = await t.http('GET', `/api/audit?entityType=note&entityId=${note.body.id}`, { token: admin });
    expect(audit.body).toHaveLength(1);
  });
});
