import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { User } from '@/api/types';
import { applyLocale, i18n, rememberedLocale } from '@/i18n';
import { fakeFetch } from '@/test-support/mount-desk';
import { useSessionStore } from './session';

const user: User = {
  id: 'u1',
  email: 'ana@x',
  fullName: 'Ana',
  role: 'consultant',
  departmentId: null,
  permissions: [],
  locale: 'ro',
  phoneExtension: '101',
  photoUrl: null,
};

describe('session language', () => {
  it('switches at once, remembers it on the device and saves it to the profile', async () => {
    setActivePinia(createPinia());
    const { fetch, calls } = fakeFetch({ 'PATCH /api/auth/me': { body: { ...user, locale: 'en' } } });
    api.configure({ fetch });
    const session = useSessionStore();
    session.token = 'tok';
    session.user = { ...user };
    await session.setLocale('en');
    expect(i18n.global.locale.value).toBe('en');
    expect(rememberedLocale('u1')).toBe('en');
    expect(calls).toMatchObject([{ method: 'PATCH', url: '/api/auth/me', body: { locale: 'en' } }]);
    expect(session.user?.locale).toBe('en');
    await session.setLocale('en');
    expect(calls).toHaveLength(1); // unchanged: nothing to save
    await applyLocale('ro');
  });

  it('keeps the choice on the device when the server cannot save it', async () => {
    setActivePinia(createPinia());
    api.configure({ fetch: fakeFetch({}).fetch });
    const session = useSessionStore();
    session.token = 'tok';
    session.user = { ...user };
    await session.setLocale('ru');
    expect(i18n.global.locale.value).toBe('ru');
    expect(rememberedLocale('u1')).toBe('ru');
    expect(session.user?.locale).toBe('ro');
    await applyLocale('ro');
  });
});
