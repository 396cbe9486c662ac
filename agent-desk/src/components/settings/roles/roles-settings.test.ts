import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import RolesSettingsPage from '@/pages/settings/RolesSettingsPage.vue';
import { fakeFetch, mountDesk } from '@/test-support/mount-desk';
import { fill, settle, submit, text } from '../settings-test-kit';

const catalogue = {
  permissions: ['contacts.import', 'contacts.export', 'users.manage'],
  roles: [
    { role: 'admin', permissions: ['contacts.import', 'contacts.export', 'users.manage'] },
    { role: 'supervisor', permissions: ['contacts.import', 'contacts.export'] },
    { role: 'consultant', permissions: [] },
    { role: 'marketer', permissions: ['contacts.export'] },
  ],
};

describe('Roles and departments settings', { timeout: 90_000 }, () => {
  it('shows which rights each role carries', async () => {
    const { fetch } = fakeFetch({ 'GET /api/roles': { body: catalogue }, 'GET /api/departments': { body: [] } });
    api.configure({ fetch });
    const { wrapper } = mountDesk(RolesSettingsPage);
    await settle();
    const header = wrapper.findAll('[data-testid="rights-table"] thead th').map((th) => th.text());
    expect(header).toEqual(['Rol', 'Administrator', 'Supervizor', 'Consultant', 'Marketer']);
    const marks = (permission: string) =>
      wrapper
        .findAll(`[data-permission="${permission}"] td`)
        .map((td) => (td.find('[role="img"]').exists() ? '✓' : '·'));
    expect(wrapper.find('[data-permission="contacts.export"] th').text()).toContain('Export contacte');
    expect(marks('contacts.export')).toEqual(['✓', '✓', '·', '✓']);
    expect(marks('users.manage')).toEqual(['✓', '·', '·', '·']);
  });

  it('changes what a role grants with its ticks, saves only the changed roles and offers the defaults back', async () => {
    const editable = {
      permissions: catalogue.permissions,
      roles: catalogue.roles.map((r) => ({ ...r, defaults: r.permissions, editable: r.role !== 'admin' })),
    };
    const { fetch, calls } = fakeFetch({
      'GET /api/roles': { body: editable },
      'GET /api/departments': { body: [] },
      'PUT /api/roles/consultant': (init) => ({
        body: {
          role: 'consultant',
          permissions: JSON.parse(String(init.body)).permissions,
          defaults: [],
          editable: true,
        },
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(RolesSettingsPage);
    await settle();
    const cell = (permission: string, role: string) =>
      wrapper.find(`[data-permission="${permission}"] td[data-role="${role}"]`);
    expect(cell('users.manage', 'admin').find('.n-checkbox').exists()).toBe(false);
    expect(cell('contacts.export', 'marketer').find('.n-checkbox').attributes('aria-checked')).toBe('true');
    expect(wrapper.find('[data-testid="rights-save"]').attributes('disabled')).toBeDefined();

    await cell('contacts.export', 'consultant').find('.n-checkbox').trigger('click');
    await settle();
    expect(wrapper.find('th[data-role="consultant"] [data-testid="rights-reset"]').exists()).toBe(true);
    await wrapper.find('[data-testid="rights-save"]').trigger('click');
    await settle();
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts).toEqual([
      expect.objectContaining({ url: '/api/roles/consultant', body: { permissions: ['contacts.export'] } }),
    ]);
    expect(cell('contacts.export', 'consultant').find('.n-checkbox').attributes('aria-checked')).toBe('true');

    await wrapper.find('th[data-role="consultant"] [data-testid="rights-reset"]').trigger('click');
    await settle();
    expect(cell('contacts.export', 'consultant').find('.n-checkbox').attributes('aria-checked')).toBe('false');
  });

  it('adds a department, renames one, and shows a taken code next to the code', async () => {
    let created = 0;
    const { fetch, calls } = fakeFetch({
      'GET /api/roles': { body: catalogue },
      'GET /api/departments': { body: [{ id: 'd1', code: 'vanzari', name: 'Vânzări' }] },
      'POST /api/departments': (init) =>
        created++ === 0
          ? { status: 201, body: { id: 'd2', ...JSON.parse(String(init.body)) } }
          : {
              status: 409,
              body: { error: 'department_exists', message: 'A department with code "juridic" already exists.' },
            },
      'PATCH /api/departments/d1': (init) => ({
        body: { id: 'd1', code: 'vanzari', ...JSON.parse(String(init.body)) },
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(RolesSettingsPage);
    await settle();
    await fill('#department-code', 'juridic');
    await fill('#department-name', 'Departamentul juridic');
    await submit('[data-testid="department-form"]');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ code: 'juridic', name: 'Departamentul juridic' });
    expect(wrapper.find('[data-department="juridic"]').exists()).toBe(true);
    await fill('#department-code', 'juridic');
    await fill('#department-name', 'Din nou');
    await submit('[data-testid="department-form"]');
    expect(text('[data-error="code"]')).toBe('A department with code "juridic" already exists.');

    const rename = wrapper.find('[data-department="vanzari"] input');
    await rename.setValue('Vânzări și marketing');
    await wrapper.find('[data-department="vanzari"] form').trigger('submit');
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'Vânzări și marketing' });
  });
});
