import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('my profile (PATCH /api/auth/me)', () => {
  let t: TestApp;
  let consultant: string;
  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login();
    const created = await t.http('POST', '/api/users', {
      token: admin,
      body: {
        email: 'profile.consultant@test.local',
        fullName: 'Doina Profil',
        password: 'consultant-password-1',
        role: 'consultant',
      },
    });
    expect(created.status).toBe(201);
    consultant = await t.login('profile.consultant@test.local', 'consultant-password-1');
  });
  afterAll(() => t.close());

  it('saves the interface language on the server, where the next sign-in reads it', async () => {
    const res = await t.http('PATCH', '/api/auth/me', { token: consultant, body: { locale: 'ru' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'profile.consultant@test.local', locale: 'ru', role: 'consultant' });
    const again = await t.http('POST', '/api/auth/login', {
      body: { email: 'profile.consultant@test.local', password: 'consultant-password-1' },
    });
    expect(again.body.user.locale).toBe('ru');
    expect((await t.http('GET', '/api/auth/me', { token: consultant })).body.locale).toBe('ru');
  });

  it('refuses an unknown language and anything that would grant rights, saying which field', async () => {
    const badLocale = await t.http('PATCH', '/api/auth/me', { token: consultant, body: { locale: 'de' } });
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.fields).toHaveProperty('locale');
    const escalate = await t.http('PATCH', '/api/auth/me', {
      token: consultant,
      body: { locale: 'en', role: 'admin' },
    });
    expect(escalate.status).toBe(400);
    expect((await t.http('GET', '/api/auth/me', { token: consultant })).body).toMatchObject({
      role: 'consultant',
      locale: 'ru',
    });
  });

  it('needs a session', async () => {
    expect((await t.http('PATCH', '/api/auth/me', { body: { locale: 'en' } })).status).toBe(401);
  });
});
