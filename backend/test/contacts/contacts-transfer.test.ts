import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('contacts: CSV/XLSX import and export', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let consultant: string;

  const createUser = async (email: string, role: string) => {
    const res = await t.http('POST', '/api/users', {
      token: admin,
      body: { email, fullName: `${role} test`, role, password: 'password-for-tests-1' },
    });
    expect(res.status).toBe(201);
    return t.login(email, 'password-for-tests-1');
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    supervisor = await createUser('sup@test.local', 'supervisor');
    consultant = await createUser('cons@test.local', 'consultant');
    await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Ion', lastName: 'Popescu', phones: ['069123456'], tags: ['agro'] },
    });
    await t.http('POST', '/api/contacts', { token: admin, body: { firstName: 'Other', phones: ['069000111'] } });
  }, 180_000);
  afterAll(() => t.close());

  const csv = [
    'Nume;Prenume;Telefon;Email;Localitate;Activitate;Companie;IDNO;Etichete;Consimțământ SMS;Coloană necunoscută',
    'Popescu;Ion;+373 69 123 456;ion@agro.md;Cahul;agricultură;;;export;da;x',
    'Rusu;Elena;078111222;elena@mail.md;Orhei;IT;Tehno Soft SRL;1012600099887;it, startup;nu;',
    'Greșit;Număr;12345;;;;;;;;',
    'Fantoma;Ana;069123456, 069000111;;;;Fantoma SRL;;;;',
    'Bad;Mail;060555666;not-an-email;;;;;;;',
    ';;;;;;;;;;',
  ].join('\n');

  it('dry-runs an import: full report, nothing saved', async () => {
    const res = await t.http('POST', '/api/contacts/import?dryRun=true', {
      token: supervisor,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, imported: 1, updated: 1, unknownColumns: ['Coloană necunoscută'] });
    expect(res.body.rejected.map((r: { row: number }) => r.row)).toEqual([4, 5, 6]);
    expect((await t.http('GET', '/api/contacts/lookup?phone=078111222', { token: admin })).status).toBe(404);
    expect((await t.http('GET', '/api/companies?q=Tehno', { token: admin })).body.items).toEqual([]);
  });

  it('imports a CSV: creates, updates by phone, rejects bad rows by number and field, never half a row', async () => {
    const res = await t.http('POST', '/api/contacts/import', {
      token: supervisor,
      body: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, imported: 1, updated: 1 });
    const [badPhone, twoOwners, badMail] = res.body.rejected;
    expect(badPhone).toMatchObject({ row: 4, fields: { 'phones.0': expect.any(String) } });
    expect(twoOwners).toMatchObject({ row: 5, fields: { phones: expect.stringContaining('different contacts') } });
    expect(badMail).toMatchObject({ row: 6, fields: { email: expect.any(String) } });

    const ion = await t.http('GET', '/api/contacts/lookup?phone=069123456', { token: admin });
    expect(ion.body).toMatchObject({
      email: 'ion@agro.md',
      locality: 'Cahul',
      activityType: 'agricultură',
      tags: ['agro', 'export'],
      consent: { sms: true },
    });
    const elena = await t.http('GET', '/api/contacts/lookup?phone=078111222', { token: admin });
    expect(elena.body).toMatchObject({
      displayName: 'Elena Rusu',
      source: 'import',
      tags: ['it', 'startup'],
      consent: { sms: false },
    });
    const company = await t.http('GET', `/api/companies/${elena.body.companyId}`, { token: admin });
    expect(company.body).toMatchObject({ name: 'Tehno Soft SRL', idno: '1012600099887' });
    // Row 5 created its company before failing: the savepoint took it back.
    expect((await t.http('GET', '/api/companies?q=Fantoma', { token: admin })).body.items).toEqual([]);
    expect((await t.http('GET', '/api/contacts/lookup?phone=060555666', { token: admin })).status).toBe(404);
    const audit = await t.http('GET', '/api/audit?action=contact.import', { token: admin });
    expect(audit.body[0].after).toMatchObject({ format: 'csv', rows: 5, imported: 1, updated: 1, rejected: 3 });
  });

  it('imports an XLSX upload (multipart) with English headers', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Contacts');
    sheet.addRow(['First name', 'Last name', 'Phone', 'Locality', 'Tags']);
    sheet.addRow(['Сергей', 'Иванов', '060777888', 'Bălți', 'ru']);
    sheet.addRow(['No', 'Phone', '0000', 'Comrat', '']);
    const form = new FormData();
    form.append('file', new Blob([await workbook.xlsx.writeBuffer()], { type: XLSX_MIME }), 'contacts.xlsx');
    const response = await fetch(`${t.baseUrl}/api/contacts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${supervisor}` },
      body: form,
    });
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      imported: 1,
      updated: 0,
      rejected: [{ row: 3, fields: { 'phones.0': expect.any(String) } }],
    });
    expect((await t.http('GET', '/api/contacts/lookup?phone=060777888', { token: admin })).body).toMatchObject({
      displayName: 'Сергей Иванов',
      locality: 'Bălți',
    });
  });

  it('refuses import and export to a consultant (403), lets a supervisor export CSV and XLSX with filters, audited', async () => {
    expect((await t.http('GET', '/api/contacts/export?format=csv', { token: consultant })).status).toBe(403);
    expect(
      (
        await t.http('POST', '/api/contacts/import', {
          token: consultant,
          body: csv,
          headers: { 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(403);

    const res = await fetch(`${t.baseUrl}/api/contacts/export?format=csv&tag=it`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('Prenume,Nume,Telefon');
    expect(lines[1]).toContain('Tehno Soft SRL');
    expect(lines[1]).toContain('+37378111222');

    const xlsx = await fetch(`${t.baseUrl}/api/contacts/export?format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(xlsx.headers.get('content-type')).toBe(XLSX_MIME);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(workbook.worksheets[0].rowCount).toBe(1 + 4);

    const audit = await t.http('GET', '/api/audit?action=contact.export', { token: admin });
    expect(audit.body.map((e: { after: { rows: number; format: string } }) => [e.after.format, e.after.rows])).toEqual([
      ['xlsx', 4],
      ['csv', 1],
    ]);
    expect(audit.body[1].after.filter).toEqual({ tag: 'it' });
  });

  it('round-trips: an exported file imports back as updates only', async () => {
    const exported = await fetch(`${t.baseUrl}/api/contacts/export?format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    const res = await t.http('POST', '/api/contacts/import?dryRun=true', {
      token: supervisor,
      body: new Uint8Array(await exported.arrayBuffer()),
      headers: { 'content-type': XLSX_MIME },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 0, updated: 4, rejected: [] });
  });
});
