import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('roles and their rights (GET /api/roles, PUT /api/roles/:role)', () => {
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
    expect(res.body.roles.map((r: { role: string }) => r.role)).toEqual([
      'admin',
      'supervisor',
      'consultant',
      'marketer',
    ]);
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

  it('lets an administrator change what a role grants: effective on the next request, audited, shown with the defaults', async () => {
    const exportCsv = () =>
      fetch(`${t.baseUrl}/api/contacts/export?format=csv`, { headers: { authorization: `Bearer ${consultant}` } });
    expect((await exportCsv()).status).toBe(403);
    const changed = await t.http('PUT', '/api/roles/consultant', {
      token: admin,
      body: { permissions: ['contacts.edit', 'cards.edit', 'calls.listen', 'contacts.export'] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      role: 'consultant',
      permissions: ['contacts.export', 'contacts.edit', 'cards.edit', 'calls.listen'],
      defaults: ['contacts.edit', 'cards.edit', 'calls.listen'],
      editable: true,
    });
    // The consultant's session is the same: the new right applies at once.
    expect((await exportCsv()).status).toBe(200);
    const me = await t.http('GET', '/api/auth/me', { token: consultant });
    expect(me.body.permissions).toContain('contacts.export');

    // Taking a right away works the same way.
    await t.http('PUT', '/api/roles/consultant', { token: admin, body: { permissions: ['contacts.edit'] } });
    const card = await t.http('POST', '/api/cards', { token: consultant, body: {} });
    expect(card.status).toBe(403);

    const audit = await t.http('GET', '/api/audit?entityType=role&entityId=consultant', { token: admin });
    expect(audit.body[0]).toMatchObject({
      action: 'update',
      before: { permissions: ['contacts.export', 'contacts.edit', 'cards.edit', 'calls.listen'] },
      after: { permissions: ['contacts.edit'] },
    });
    await t.http('PUT', '/api/roles/consultant', {
      token: admin,
      body: { permissions: ['contacts.edit', 'cards.edit', 'calls.listen'] },
    });
  });

  it('keeps every right on the administrator role and refuses unknown rights and roles', async () => {
    const admins = await t.http('PUT', '/api/roles/admin', { token: admin, body: { permissions: [] } });
    expect(admins.status).toBe(422);
    expect(admins.body.error).toBe('admin_keeps_all_rights');
    const unknown = await t.http('PUT', '/api/roles/consultant', {
      token: admin,
      body: { permissions: ['contacts.edit', 'rockets.launch'] },
    });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.fields)).toEqual(['permissions.1']);
    expect((await t.http('PUT', '/api/roles/pilot', { token: admin, body: { permissions: [] } })).status).toBe(404);
    expect(
      (await t.http('PUT', '/api/roles/consultant', { token: consultant, body: { permissions: [] } })).status,
    ).toBe(403);
  });
});
