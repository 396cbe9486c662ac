import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('roles and their rights (GET /api/roles)', () => {
  let t: TestApp;
  let admin: string;
  let consultant: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    const created = await t.http('POST', '/api/users', {
      token: admin,
      body: {
        email: 'roles.consultant@test.local',
        fullName: 'Ion Roluri',
        password: 'consultant-password-1',
        role: 'consultant',
      },
    });
    expect(created.status).toBe(201);
    consultant = await t.login('roles.consultant@test.local', 'consultant-password-1');
  });
  afterAll(() => t.close());

  it('lists every role with the rights it grants and every right there is', async () => {
    const res = await t.http('GET', '/api/roles', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.roles.map((r: { role: string }) => r.role)).toEqual(['admin', 'supervisor', 'consultant', 'marketer']);
    expect(res.body.permissions).toContain('contacts.import');
    const byRole = Object.fromEntries(res.body.roles.map((r: { role: string; permissions: string[] }) => [r.role, r]));
    expect(byRole.admin.permissions).toEqual(res.body.permissions);
    expect(byRole.consultant.permissions).toEqual(['contacts.edit', 'cards.edit', 'calls.listen']);
    expect(byRole.supervisor.permissions).not.toContain('users.manage');
  });

  it('is for those who manage users only', async () => {
    const res = await t.http('GET', '/api/roles', { token: consultant });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('users.manage');
    expect((await t.http('GET', '/api/roles')).status).toBe(401);
  });
});
