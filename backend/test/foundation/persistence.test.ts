import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';

describe.runIf(process.env.TEST_DB !== 'postgres')('embedded PGlite in a data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-persist-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps data across a restart, and migrations run again as a no-op', async () => {
    const first = await createTestApp({ DATA_DIR: dataDir });
    const token = await first.login();
    const created = await first.http('POST', '/api/departments', {
      token,
      body: { code: 'kept', name: 'Survives restart' },
    });
    expect(created.status).toBe(201);
    await first.close();

    const second = await createTestApp({ DATA_DIR: dataDir });
    const again = await second.login();
    const list = await second.http('GET', '/api/departments', { token: again });
    expect(list.body.map((d: { code: string }) => d.code)).toContain('kept');
    const health = await second.http('GET', '/api/health');
    expect(health.body.db).toMatchObject({ status: 'up', kind: 'pglite' });
    await second.close();
  });
});
