import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('companies: CSV/XLSX import and export', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let consultant: string;

  const createUser = async (email: string, role: string) => {
    await t.http('POST', '/api/users', {
      token: admin,
      body: { email, fullName: `${role} test`, role, password: 'password-for-tests-1' },
    });
    return t.login(email, 'password-for-tests-1');
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    supervisor = await createUser('sup@test.local', 'supervisor');
    consultant = await createUser('cons@test.local', 'consultant');
    await t.http('POST', '/api/companies', {
      token: admin,
      body: { name: 'AgroVita', idno: '1003600012345', size: 'micro' },
    });
  }, 180_000);
  afterAll(() => t.close());

  it('imports companies: updates by IDNO, creates new ones, rejects invalid rows', async () => {
    const csv = [
      'Denumire,IDNO,Mărime,Sector,Localitate,Website',
      'AgroVita SRL,1003600012345,mică,agricultură,Cahul,',
      'Vinăria Nouă,1014600033221,mijlocie,producție,Ungheni,https://vinaria.md',
      'Fără IDNO bun,12345,mare,,,',
      ',,,,,,',
      'Site rău,1009600000001,,,,not a url',
    ].join('\n');
    const dry = await t.http('POST', '/api/companies/import?dryRun=1', {
      token: supervisor,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(dry.body).toMatchObject({ dryRun: true, imported: 1, updated: 1 });
    expect((await t.http('GET', '/api/companies?q=Vinaria', { token: admin })).body.items).toEqual([]);

    const res = await t.http('POST', '/api/companies/import', {
      token: supervisor,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1, updated: 1 });
    expect(res.body.rejected).toEqual([
      { row: 4, reason: expect.any(String), fields: { idno: expect.any(String) } },
      { row: 6, reason: expect.any(String), fields: { website: expect.any(String) } },
    ]);
    const agro = await t.http('GET', '/api/companies?q=AgroVita', { token: admin });
    expect(agro.body.items).toHaveLength(1);
    expect(agro.body.items[0]).toMatchObject({
      name: 'AgroVita SRL',
      size: 'small',
      sector: 'agricultură',
      locality: 'Cahul',
    });
    const audit = await t.http('GET', '/api/audit?action=company.import', { token: admin });
    expect(audit.body[0].after).toMatchObject({ imported: 1, updated: 1, rejected: 2 });
  });

  it('exports CSV and XLSX to a supervisor, 403 to a consultant', async () => {
    expect((await t.http('GET', '/api/companies/export', { token: consultant })).status).toBe(403);
    expect(
      (
        await t.http('POST', '/api/companies/import', {
          token: consultant,
          body: 'Denumire\nX',
          headers: { 'content-type': 'text/csv' },
        })
      ).status,
    ).toBe(403);
    const csv = await fetch(`${t.baseUrl}/api/companies/export?format=csv&size=medium`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('ID,Denumire,IDNO,Mărime,Sector,Localitate,Adresă,Website,Creat la');
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(['Vinăria Nouă']);
    const xlsx = await fetch(`${t.baseUrl}/api/companies/export?format=xlsx`, {
      headers: { authorization: `Bearer ${supervisor}` },
    });
    expect(xlsx.headers.get('content-type')).toBe(XLSX_MIME);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(workbook.worksheets[0].rowCount).toBe(3);
    const audit = await t.http('GET', '/api/audit?action=company.export', { token: admin });
    expect(audit.body).toHaveLength(2);
  });
});
