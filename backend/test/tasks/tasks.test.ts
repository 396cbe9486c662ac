import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { notes } from '../../src/consultations/consultations.schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDepartment,
  createUserAndLogin,
  insertContact,
  pipelineByCode,
  stageNamed,
  type PipelineView,
} from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('tasks, subtasks and the open-task policy', () => {
  let t: TestApp;
  let admin: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let otherDepartmentUser: { id: string; token: string };
  let pipeline: PipelineView;
  let contactId: string;
  let cardId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    const consultanta = await createDepartment(t, admin, 'consultanta');
    const evenimente = await createDepartment(t, admin, 'evenimente');
    ana = await createUserAndLogin(t, admin, {
      email: 'ana@test.local',
      role: 'consultant',
      departmentId: consultanta,
    });
    ion = await createUserAndLogin(t, admin, {
      email: 'ion@test.local',
      role: 'consultant',
      departmentId: consultanta,
    });
    otherDepartmentUser = await createUserAndLogin(t, admin, {
      email: 'maria@test.local',
      role: 'consultant',
      departmentId: evenimente,
    });
    pipeline = await pipelineByCode(t, admin, 'ads-landing');
    await t.http('PATCH', `/api/pipelines/${pipeline.id}`, { token: admin, body: { departmentId: consultanta } });
    contactId = await insertContact(t, 'Natalia Munteanu');
    const card = await t.http('POST', '/api/cards', {
      token: ana.token,
      body: { contactId, pipelineId: pipeline.id, title: 'Start pentru Tineri' },
    });
    cardId = card.body.id;
  }, 180_000);
  afterAll(() => t.close());

  it('reports an active card without an open task, for the supervisor report and the consultant’s work blockers', async () => {
    const report = await t.http('GET', '/api/cards/without-open-task', { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.map((c: { id: string }) => c.id)).toEqual([cardId]);
    const byAssignee = await t.http('GET', `/api/cards/without-open-task?assignee=${ion.id}`, { token: admin });
    expect(byAssignee.body).toEqual([]);
    const blockers = await t.http('GET', '/api/me/work-blockers', { token: ana.token });
    expect(blockers.body.map((c: { id: string }) => c.id)).toEqual([cardId]);
    expect((await t.http('GET', '/api/me/work-blockers', { token: ion.token })).body).toEqual([]);
    expect((await t.http('GET', '/api/cards/without-open-task', { token: otherDepartmentUser.token })).body).toEqual(
      [],
    );
  });

  it('creates a task on a card, notifies the assignee live, and clears the card from the report', async () => {
    const socket: Socket = io(`${t.baseUrl}/agent`, {
      auth: { token: ion.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise((resolve) => socket.on('session:ready', resolve));
    const assigned = new Promise<{ title: string }>((resolve) => socket.on('task:assigned', resolve));
    const dueAt = new Date(Date.now() + 3600_000).toISOString();
    const res = await t.http('POST', '/api/tasks', {
      token: ana.token,
      body: {
        title: 'Sună înapoi despre documente',
        type: 'call_back',
        dueAt,
        assigneeUserId: ion.id,
        cardId,
        priority: 1,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'open',
      cardId,
      contactId,
      assigneeUserId: ion.id,
      createdBy: ana.id,
      type: 'call_back',
    });
    expect((await assigned).title).toBe('Sună înapoi despre documente');
    socket.close();
    expect((await t.http('GET', '/api/cards/without-open-task', { token: admin })).body).toEqual([]);
    expect((await t.http('GET', '/api/me/work-blockers', { token: ana.token })).body).toEqual([]);
    const audit = await t.http('GET', `/api/audit?entityType=task&entityId=${res.body.id}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(
      (await t.http('POST', '/api/tasks', { token: ana.token, body: { title: 'Bad', dueAt: 'tomorrow' } })).status,
    ).toBe(400);
  });

  it('refuses to close a task without a written result (422) and closes it with one, on the timeline', async () => {
    const task = await t.http('POST', '/api/tasks', {
      token: ana.token,
      body: { title: 'Trimite lista de documente', cardId },
    });
    for (const body of [{}, { result: '' }, { result: '   \n ' }]) {
      const refused = await t.http('POST', `/api/tasks/${task.body.id}/close`, { token: ana.token, body });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: 'result_required',
        fields: { result: expect.stringMatching(/^Write what was done/) },
      });
    }
    const closed = await t.http('POST', `/api/tasks/${task.body.id}/close`, {
      token: ana.token,
      body: { result: '  Am trimis lista pe e-mail.  ' },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'done',
      result: 'Am trimis lista pe e-mail.',
      closedBy: ana.id,
      nextTaskNeeded: false,
    });
    expect(closed.body.closedAt).toBeTruthy();
    expect(
      (await t.http('POST', `/api/tasks/${task.body.id}/close`, { token: ana.token, body: { result: 'again' } }))
        .status,
    ).toBe(409);
    const feed = await t.http('GET', `/api/cards/${cardId}/timeline`, { token: ana.token });
    const entry = feed.body.items.find(
      (e: { kind: string; refId: string }) => e.kind === 'task_closed' && e.refId === task.body.id,
    );
    expect(entry).toMatchObject({ contactId, summary: { result: 'Am trimis lista pe e-mail.' } });
    const audit = await t.http('GET', `/api/audit?entityType=task&entityId=${task.body.id}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'task.close']);
  });

  it('keeps subtasks with their own assignees and refuses to close a parent while one is open', async () => {
    const parent = await t.http('POST', '/api/tasks', {
      token: ana.token,
      body: { title: 'Pregătește dosarul PARE', type: 'consultation', cardId },
    });
    const sub1 = await t.http('POST', '/api/tasks', {
      token: ana.token,
      body: { title: 'Verifică planul de afaceri', parentTaskId: parent.body.id, assigneeUserId: ion.id },
    });
    const sub2 = await t.http('POST', '/api/tasks', {
      token: ana.token,
      body: { title: 'Cere extrasul bancar', parentTaskId: parent.body.id },
    });
    expect(sub1.status).toBe(201);
    expect(sub1.body).toMatchObject({ parentTaskId: parent.body.id, assigneeUserId: ion.id, cardId, contactId });
    expect(sub2.body.assigneeUserId).toBe(ana.id);

    const withSubtasks = await t.http('GET', `/api/tasks/${parent.body.id}`, { token: ana.token });
    expect(withSubtasks.body.subtasks.map((s: { title: string }) => s.title)).toEqual([
      'Verifică planul de afaceri',
      'Cere extrasul bancar',
    ]);

    const refused = await t.http('POST', `/api/tasks/${parent.body.id}/close`, {
      token: ana.token,
      body: { result: 'Gata' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: 'open_subtasks', openSubtasks: 2 });
    expect(
      (
        await t.http('POST', `/api/tasks/${sub1.body.id}/close`, {
          token: ion.token,
          body: { result: 'Plan verificat.' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await t.http('PATCH', `/api/tasks/${sub2.body.id}`, { token: ana.token, body: { status: 'cancelled' } })).body
        .status,
    ).toBe('cancelled');
    expect(
      (
        await t.http('POST', `/api/tasks/${parent.body.id}/close`, {
          token: ana.token,
          body: { result: 'Dosar complet.' },
        })
      ).status,
    ).toBe(200);
  });

  it('puts the card back in the report when its last open task closes without a next one, but not once the card is closed', async () => {
    const open = await t.http('GET', `/api/tasks?cardId=${cardId}&status=open`, { token: ana.token });
    expect(open.body.items).toHaveLength(1);
    const last = open.body.items[0];
    const closed = await t.http('POST', `/api/tasks/${last.id}/close`, {
      token: ion.token,
      body: { result: 'Am sunat, revine mâine.' },
    });
    expect(closed.body.nextTaskNeeded).toBe(true);
    expect(
      (await t.http('GET', '/api/cards/without-open-task', { token: admin })).body.map((c: { id: string }) => c.id),
    ).toEqual([cardId]);
    expect((await t.http('GET', '/api/me/work-blockers', { token: ana.token })).body).toHaveLength(1);

    const lost = await t.http('POST', `/api/cards/${cardId}/move`, {
      token: ana.token,
      body: { stageId: stageNamed(pipeline, 'Închis — refuz') },
    });
    expect(lost.body.status).toBe('closed');
    expect((await t.http('GET', '/api/cards/without-open-task', { token: admin })).body).toEqual([]);
    expect((await t.http('GET', '/api/me/work-blockers', { token: ana.token })).body).toEqual([]);
  });

  it('filters tasks by assignee, status, overdue and due today, within department rights', async () => {
    const hour = 3600_000;
    const overdue = await t.http('POST', '/api/tasks', {
      token: admin,
      body: {
        title: 'Restant',
        assigneeUserId: ion.id,
        contactId,
        dueAt: new Date(Date.now() - 30 * hour).toISOString(),
      },
    });
    expect(overdue.status).toBe(201);
    const today = await t.http('POST', '/api/tasks', {
      token: admin,
      body: { title: 'Azi', assigneeUserId: ion.id, contactId, dueAt: new Date(Date.now() + 60_000).toISOString() },
    });
    const mine = await t.http('GET', '/api/tasks?assignee=me&status=open', { token: ion.token });
    expect(mine.body.items.map((x: { title: string }) => x.title)).toEqual(['Restant', 'Azi']);
    const late = await t.http('GET', `/api/tasks?assignee=${ion.id}&overdue=true`, { token: admin });
    expect(late.body.items.map((x: { id: string }) => x.id)).toEqual([overdue.body.id]);
    const dueToday = await t.http('GET', `/api/tasks?assignee=${ion.id}&dueToday=true`, { token: admin });
    expect(dueToday.body.items.map((x: { id: string }) => x.id)).toContain(today.body.id);
    expect((await t.http('GET', `/api/tasks/${overdue.body.id}`, { token: otherDepartmentUser.token })).status).toBe(
      404,
    );
    expect((await t.http('GET', '/api/tasks', { token: otherDepartmentUser.token })).body.total).toBe(0);
    expect(
      (
        await t.http('POST', '/api/tasks', {
          token: otherDepartmentUser.token,
          body: { title: 'Pe cardul altora', cardId },
        })
      ).status,
    ).toBe(400);
  });

  it('follows a contact merge: the duplicate’s cards, tasks and notes move to the survivor', async () => {
    const duplicateId = await insertContact(t, 'Natalia Munteanu (dublură)');
    const card = await t.http('POST', '/api/cards', {
      token: ana.token,
      body: { contactId: duplicateId, pipelineId: pipeline.id, title: 'Card pe dublură' },
    });
    const task = await t.http('POST', '/api/tasks', {
      token: ana.token,
      body: { title: 'Sună dublura', contactId: duplicateId },
    });
    const note = await t.http('POST', `/api/contacts/${duplicateId}/notes`, {
      token: ana.token,
      body: { body: 'Notă pe dublură' },
    });
    expect([card.status, task.status, note.status]).toEqual([201, 201, 201]);
    const merged = await t.http('POST', `/api/contacts/${contactId}/merge`, { token: admin, body: { duplicateId } });
    expect(merged.status).toBe(200);
    expect((await t.http('GET', `/api/cards/${card.body.id}`, { token: admin })).body.contactId).toBe(contactId);
    expect((await t.http('GET', `/api/tasks/${task.body.id}`, { token: admin })).body.contactId).toBe(contactId);
    const [movedNote] = await t.db.select().from(notes).where(eq(notes.id, note.body.id));
    expect(movedNote.contactId).toBe(contactId);
    const audit = await t.http('GET', `/api/audit?action=contact.merge`, { token: admin });
    expect(audit.body[0].after.participants).toEqual(expect.arrayContaining(['consultation_cards', 'tasks']));
  });
});
