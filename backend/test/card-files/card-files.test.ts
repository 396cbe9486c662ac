import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { cleanFileName } from '../../src/card-files/card-files.service.js';
import { createDepartment, createUserAndLogin, insertContact, pipelineByCode } from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** A multipart upload the way the desk sends it. */
async function upload(
  t: TestApp,
  token: string,
  cardId: string,
  file: { name: string; type: string; bytes: Buffer } | null,
  fieldKey?: string,
) {
  const form = new FormData();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  if (fieldKey) form.append('fieldKey', fieldKey);
  const response = await fetch(`${t.baseUrl}/api/cards/${cardId}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('card files: documents uploaded to a card’s file fields', () => {
  let t: TestApp;
  let admin: string;
  let consultant: { id: string; token: string };
  let otherDepartment: { id: string; token: string };
  let cardId: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300_000, 7), Buffer.from('\n%%EOF\n')]);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    const mine = await createDepartment(t, admin, 'files-a');
    const theirs = await createDepartment(t, admin, 'files-b');
    consultant = await createUserAndLogin(t, admin, {
      email: 'doc@test.local',
      role: 'consultant',
      departmentId: mine,
    });
    otherDepartment = await createUserAndLogin(t, admin, {
      email: 'other@test.local',
      role: 'consultant',
      departmentId: theirs,
    });
    const field = await t.http('POST', '/api/field-definitions', {
      token: admin,
      body: { key: 'application_form', label: { ro: 'Cererea semnată' }, type: 'file' },
    });
    expect(field.status).toBe(201);
    const pipeline = await pipelineByCode(t, admin, 'ads-landing');
    const card = await t.http('POST', '/api/cards', {
      token: consultant.token,
      body: { contactId: await insertContact(t, 'Ștefan Ciobanu'), pipelineId: pipeline.id, title: 'Grant PARE 1+1' },
    });
    expect(card.status).toBe(201);
    cardId = card.body.id;
  }, 180_000);
  afterAll(() => t.close());

  it('uploads a document, puts it in the file field, lists it and downloads the same bytes as an attachment', async () => {
    const uploaded = await upload(
      t,
      consultant.token,
      cardId,
      { name: 'Cerere Ștefan.pdf', type: 'application/pdf', bytes: pdf },
      'application_form',
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      cardId,
      fieldKey: 'application_form',
      name: 'Cerere Ștefan.pdf',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      uploadedBy: consultant.id,
      url: `/api/card-files/${uploaded.body.id}`,
    });

    const saved = await t.http('PATCH', `/api/cards/${cardId}`, {
      token: consultant.token,
      body: {
        fields: { application_form: { name: uploaded.body.name, url: uploaded.body.url, fileId: uploaded.body.id } },
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.fields.application_form).toMatchObject({ name: 'Cerere Ștefan.pdf', url: uploaded.body.url });

    const list = await t.http('GET', `/api/cards/${cardId}/files`, { token: consultant.token });
    expect(list.body.map((f: { id: string }) => f.id)).toEqual([uploaded.body.id]);

    const download = await fetch(`${t.baseUrl}${uploaded.body.url}`, {
      headers: { authorization: `Bearer ${consultant.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('Cerere Ștefan.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    const audited = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'card_file.upload'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entityType: 'consultation_card', entityId: cardId });
  });

  it('refuses a missing or empty file and a malformed field key, naming the field', async () => {
    const missing = await upload(t, consultant.token, cardId, null);
    expect(missing.status).toBe(400);
    expect(missing.body.fields.file).toMatch(/Attach the document/);
    const empty = await upload(t, consultant.token, cardId, {
      name: 'gol.pdf',
      type: 'application/pdf',
      bytes: Buffer.alloc(0),
    });
    expect(empty.status).toBe(400);
    expect(empty.body.fields.file).toMatch(/empty/);
    const badKey = await upload(
      t,
      consultant.token,
      cardId,
      { name: 'a.txt', type: 'text/plain', bytes: Buffer.from('x') },
      'Bad Key',
    );
    expect(badKey.status).toBe(400);
    expect(Object.keys(badKey.body.fields)).toEqual(['fieldKey']);
  });

  it('keeps another department’s card files out of reach: 404 on upload, list and download', async () => {
    const uploaded = await upload(t, consultant.token, cardId, {
      name: 'plan.txt',
      type: 'text/plain',
      bytes: Buffer.from('Plan de afaceri'),
    });
    expect(uploaded.status).toBe(201);
    const intruder = otherDepartment.token;
    expect(
      (await upload(t, intruder, cardId, { name: 'x.txt', type: 'text/plain', bytes: Buffer.from('x') })).status,
    ).toBe(404);
    expect((await t.http('GET', `/api/cards/${cardId}/files`, { token: intruder })).status).toBe(404);
    const download = await t.http('GET', uploaded.body.url, { token: intruder });
    expect(download.status).toBe(404);
    expect(download.body.error).toBe('not_found');
    expect((await t.http('GET', uploaded.body.url)).status).toBe(401);
  });

  it('keeps a UTF-8 name that arrived as latin1, drops folders and control characters', () => {
    expect(cleanFileName(Buffer.from('Cerere Ștefan.pdf', 'utf8').toString('latin1'))).toBe('Cerere Ștefan.pdf');
    expect(cleanFileName('C:\\scan\\act\u0007.pdf')).toBe('act.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('\u0001')).toBe('document');
  });
});
