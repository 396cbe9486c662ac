import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { TeamMember } from '@/api/settings/users-settings-api';
import UsersSettingsPage from '@/pages/settings/UsersSettingsPage.vue';
import { fakeFetch, mountDesk } from '@/test-support/mount-desk';
import { choose, click, el, fill, settle, submit, text } from '../settings-test-kit';

const member = (id: string, over: Partial<TeamMember> = {}): TeamMember => ({
  id,
  email: `${id}@consult.local`,
  fullName: `Utilizator ${id}`,
  role: 'consultant',
  departmentId: null,
  permissions: ['calls.listen', 'cards.edit', 'contacts.edit'],
  extraPermissions: [],
  phoneExtension: null,
  phone: null,
  locale: 'ro',
  active: true,
  ...over,
});
const catalogue = {
  permissions: ['contacts.import', 'contacts.export', 'contacts.edit', 'cards.edit', 'calls.listen', 'users.manage'],
  roles: [
    {
      role: 'admin',
      permissions: [
        'contacts.import',
        'contacts.export',
        'contacts.edit',
        'cards.edit',
        'calls.listen',
        'users.manage',
      ],
    },
    {
      role: 'supervisor',
      permissions: ['contacts.import', 'contacts.export', 'contacts.edit', 'cards.edit', 'calls.listen'],
    },
    { role: 'consultant', permissions: ['contacts.edit', 'cards.edit', 'calls.listen'] },
    { role: 'marketer', permissions: ['contacts.export', 'contacts.edit'] },
  ],
};
const routes = (over: Parameters<typeof fakeFetch>[0] = {}) =>
  fakeFetch({
    'GET /api/users': {
      body: [
        member('ana', { fullName: 'Ana Popescu', departmentId: 'd1', phoneExtension: '101' }),
        member('ion', { fullName: 'Ion Rusu', role: 'supervisor', active: false }),
      ],
    },
    'GET /api/departments': { body: [{ id: 'd1', code: 'vanzari', name: 'Vânzări' }] },
    'GET /api/roles': { body: catalogue },
    ...over,
  });

describe('Users settings', { timeout: 90_000 }, () => {
  it('lists the active team with role, department and extension; the deactivated on request', async () => {
    const { fetch } = routes();
    api.configure({ fetch });
    const { wrapper } = mountDesk(UsersSettingsPage);
    await settle();
    const row = wrapper.find('[data-user="ana@consult.local"]');
    expect(row.text()).toContain('Ana Popescu');
    expect(row.text()).toContain('Consultant');
    expect(row.text()).toContain('Vânzări');
    expect(row.text()).toContain('101');
    expect(row.text()).toContain('Activ');
    expect(wrapper.find('[data-user="ion@consult.local"]').exists()).toBe(false);
    await wrapper.findAll('.n-checkbox')[0].trigger('click');
    await settle();
    expect(wrapper.find('[data-user="ion@consult.local"]').text()).toContain('Dezactivat');
  });

  it('creates a user with the payload the API expects and adds them to the list', async () => {
    const { fetch, calls } = routes({
      'POST /api/users': (init) => ({
        status: 201,
        body: member('doina', { ...JSON.parse(String(init.body)) }),
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(UsersSettingsPage);
    await settle();
    await click('[data-testid="user-new"]');
    await fill('#user-fullName', 'Doina Rotaru');
    await fill('#user-email', 'doina@consult.local');
    await fill('#user-password', 'parola-lunga-2026');
    await fill('#user-extension', '105');
    await choose(wrapper, '[data-testid="user-role"]', 'supervisor');
    await choose(wrapper, '[data-testid="user-department"]', 'd1');
    await choose(wrapper, '[data-testid="user-locale"]', 'ru');
    await submit('[data-testid="user-form"]');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      fullName: 'Doina Rotaru',
      email: 'doina@consult.local',
      password: 'parola-lunga-2026',
      role: 'supervisor',
      departmentId: 'd1',
      extraPermissions: [],
      phoneExtension: '105',
      phone: null,
      locale: 'ru',
    });
    expect(wrapper.find('[data-user="doina@consult.local"]').text()).toContain('Supervizor');
  });

  it('shows the server’s field errors next to their inputs and keeps the dialog open', async () => {
    const { fetch } = routes({
      'POST /api/users': {
        status: 400,
        body: {
          error: 'validation_failed',
          message: 'Please correct these fields: password, phoneExtension.',
          fields: { password: 'Use at least 10 characters.', phoneExtension: 'An extension is 2 to 8 digits.' },
        },
      },
    });
    api.configure({ fetch });
    mountDesk(UsersSettingsPage);
    await settle();
    await click('[data-testid="user-new"]');
    await fill('#user-fullName', 'Doina Rotaru');
    await fill('#user-email', 'doina@consult.local');
    await fill('#user-password', 'scurta');
    await fill('#user-extension', '1');
    await submit('[data-testid="user-form"]');
    expect(text('[data-error="password"]')).toBe('Use at least 10 characters.');
    expect(text('[data-error="phoneExtension"]')).toBe('An extension is 2 to 8 digits.');
    expect(el('[data-testid="user-form"]')).toBeTruthy();
  });

  it('edits a user: only what changed besides the form, an e-mail taken shows at the e-mail', async () => {
    let answer: { status: number; body: unknown } = {
      status: 409,
      body: { error: 'email_taken', message: 'Another user already has this e-mail address.' },
    };
    const { fetch, calls } = routes({ 'PATCH /api/users/ana': () => answer });
    api.configure({ fetch });
    const { wrapper } = mountDesk(UsersSettingsPage);
    await settle();
    await click('[data-edit-user="ana@consult.local"]');
    await fill('#user-email', 'ion@consult.local');
    await submit('[data-testid="user-form"]');
    expect(text('[data-error="email"]')).toBe('Another user already has this e-mail address.');
    answer = { status: 200, body: member('ana', { fullName: 'Ana Popescu', active: false, departmentId: 'd1' }) };
    await fill('#user-email', 'ana@consult.local');
    await click('[data-testid="user-active"]');
    await click('[data-right="contacts.export"]');
    await submit('[data-testid="user-form"]');
    const patch = calls.filter((c) => c.method === 'PATCH').at(-1)?.body as Record<string, unknown>;
    expect(patch).not.toHaveProperty('email');
    expect(patch).not.toHaveProperty('password');
    expect(patch).toMatchObject({
      active: false,
      departmentId: 'd1',
      phoneExtension: '101',
      extraPermissions: ['contacts.export'],
    });
    expect(document.body.textContent).toContain('Ana Popescu a fost dezactivat');
    void wrapper;
  });
});
