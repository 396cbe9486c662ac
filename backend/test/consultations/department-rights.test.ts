import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createDepartment, createUserAndLogin, insertContact, pipelineByCode } from './crm-fixtures.js';

describe('department rights on consultation cards', () => {
  let t: TestApp;
  let admin: string;
  let consultantA: { id: string; token: string };
  let consultantB: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let marketer: { id: string; token: string };
  let cardOfB: string;
  let cardOfBForA: string;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    const departmentA = await createDepartment(t, admin, 'dep-a');
    const departmentB = await createDepartment(t, admin, 'dep-b');
    consultantA = await createUserAndLogin(t, admin, {
      email: 'a@test.local',
      role: 'consultant',
      departmentId: departmentA,
    });
    consultantB = await createUserAndLogin(t, admin, {
      email: 'b@test.local',
      role: 'consultant',
      departmentId: departmentB,
    });
    supervisor = await createUserAndLogin(t, admin, {
      email: 'sup@test.local',
      role: 'supervisor',
      departmentId: departmentA,
    });
    marketer = await createUserAndLogin(t, admin, {
      email: 'mkt@test.local',
      role: 'marketer',
      departmentId: departmentB,
    });
    const pipeline = await pipelineByCode(t, admin, 'department-referrals');
    contactId = await insertContact(t, 'Vasile Cebotari');
    const created = await t.http('POST', '/api/cards', {
      token: consultantB.token,
      body: { contactId, pipelineId: pipeline.id, title: 'Card of department B' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ departmentId: departmentB, responsibleUserId: consultantB.id });
    cardOfB = created.body.id;
    const forA = await t.http('POST', '/api/cards', {
      token: admin,
      body: {
        contactId,
        pipelineId: pipeline.id,
        title: 'B card, A responsible',
        departmentId: departmentB,
        responsibleUserId: consultantA.id,
      },
    });
    cardOfBForA = forA.body.id;
  }, 180_000);
  afterAll(() => t.close());

  it('hides a card of another department from a consultant: 404 on get, patch and sub-resources, absent from lists', async () => {
    const get = await t.http('GET', `/api/cards/${cardOfB}`, { token: consultantA.token });
    expect(get.status).toBe(404);
    expect(get.body.error).toBe('not_found');
    expect(
      (await t.http('PATCH', `/api/cards/${cardOfB}`, { token: consultantA.token, body: { title: 'Hijack' } })).status,
    ).toBe(404);
    expect((await t.http('GET', `/api/cards/${cardOfB}/stage-history`, { token: consultantA.token })).status).toBe(404);
    expect((await t.http('GET', `/api/cards/${cardOfB}/timeline`, { token: consultantA.token })).status).toBe(404);
    expect(
      (await t.http('POST', `/api/cards/${cardOfB}/notes`, { token: consultantA.token, body: { body: 'x' } })).status,
    ).toBe(404);
    const preview = await t.http('POST', '/api/message-templates/preview', {
      token: consultantA.token,
      body: {
        draft: { channel: 'sms', format: 'text', locale: 'ro', body: '{{consultation.title}}' },
        contactId,
        cardId: cardOfB,
      },
    });
    expect(preview.status).toBe(404);
    const list = await t.http('GET', '/api/cards', { token: consultantA.token });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([cardOfBForA]);
    expect(list.body.total).toBe(1);
  });

  it('shows a consultant the cards they are responsible for in another department, and lets them edit', async () => {
    expect((await t.http('GET', `/api/cards/${cardOfBForA}`, { token: consultantA.token })).status).toBe(200);
    const patched = await t.http('PATCH', `/api/cards/${cardOfBForA}`, {
      token: consultantA.token,
      body: { title: 'Edited by A' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toBe('Edited by A');
    const audit = await t.http('GET', `/api/audit?entityType=consultation_card&entityId=${cardOfBForA}`, {
      token: admin,
    });
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
  });

  it('lets a supervisor with cards.all_departments see and edit every card', async () => {
    expect((await t.http('GET', `/api/cards/${cardOfB}`, { token: supervisor.token })).status).toBe(200);
    expect(
      (await t.http('PATCH', `/api/cards/${cardOfB}`, { token: supervisor.token, body: { budget: 1000 } })).status,
    ).toBe(200);
    expect((await t.http('GET', '/api/cards', { token: supervisor.token })).body.total).toBe(2);
  });

  it('lets the owning department’s consultant edit, and refuses writes to a role without cards.edit', async () => {
    expect(
      (
        await t.http('PATCH', `/api/cards/${cardOfB}`, {
          token: consultantB.token,
          body: { programApplied: 'PARE 1+1' },
        })
      ).status,
    ).toBe(200);
    const denied = await t.http('PATCH', `/api/cards/${cardOfB}`, { token: marketer.token, body: { title: 'No' } });
    expect(denied.status).toBe(403);
    expect((await t.http('POST', '/api/cards', { token: marketer.token, body: {} })).status).toBe(403);
    expect((await t.http('GET', `/api/cards/${cardOfB}`, { token: marketer.token })).status).toBe(200);
  });
});
