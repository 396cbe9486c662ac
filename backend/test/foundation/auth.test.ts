import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

describe('authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => t.close());

  it('rejects a malformed login body with 400 and the offending fields', async () => {
    const res = await t.http('POST', '/api/auth/login', { body: { email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(Object.keys(res.body.fields).sort()).toEqual(['email', 'password']);
    expect(res.body.message).toMatch(/email, password/);
  });

  it('rejects a body that is not JSON with 400 in the same error shape', async () => {
    const res = await t.http('POST', '/api/auth/login', {
      body: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'malformed_body' });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/);
  });

  it('answers a wrong password with 401 and audits the failure', async () => {
    const res = await t.http('POST', '/api/auth/login', {
      body: { email: TEST_ADMIN.email, password: 'wrong-password' },
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
    const token = await t.login();
    const audit = await t.http('GET', '/api/audit?action=auth.login_failed', { token });
    expect(audit.status).toBe(200);
    expect(audit.body[0]).toMatchObject({
      action: 'auth.login_failed',
      actorLabel: TEST_ADMIN.email,
      after: { reason: 'wrong password' },
    });
    expect(audit.body[0].ip).toBeTruthy();
  });

  it('audits an unknown e-mail the same way without revealing which part was wrong', async () => {
    const res = await t.http('POST', '/api/auth/login', { body: { email: 'nobody@test.local', password: 'whatever' } });
    expect(res.status).toBe(401);
    const wrongPassword = await t.http('POST', '/api/auth/login', { body: { email: TEST_ADMIN.email, password: 'x' } });
    expect(res.body.message).toBe(wrongPassword.body.message);
  });

  it('logs in with a bearer token and an httpOnly cookie, both of which authenticate', async () => {
    const res = await t.http('POST', '/api/auth/login', { body: TEST_ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: TEST_ADMIN.email, role: 'admin' });
    expect(res.body.user.passwordHash).toBeUndefined();
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/crm_session=[\w-]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    const viaBearer = await t.http('GET', '/api/auth/me', { token: res.body.token });
    expect(viaBearer.body.email).toBe(TEST_ADMIN.email);
    const viaCookie = await t.http('GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0] } });
    expect(viaCookie.status).toBe(200);
  });

  it('refuses protected routes without a session and after logout', async () => {
    expect((await t.http('GET', '/api/users')).status).toBe(401);
    const token = await t.login();
    expect((await t.http('POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await t.http('GET', '/api/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/sign in again/);
  });

  it('enforces rights: a consultant cannot manage users, an admin can', async () => {
    const admin = await t.login();
    const created = await t.http('POST', '/api/users', {
      token: admin,
      body: {
        email: 'consultant@test.local',
        fullName: 'Test Consultant',
        password: 'consultant-pass-1',
        role: 'consultant',
        phoneExtension: '101',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.permissions).toContain('cards.edit');
    expect(created.body.permissions).not.toContain('contacts.export');
    const consultant = await t.login('consultant@test.local', 'consultant-pass-1');
    const denied = await t.http('POST', '/api/users', {
      token: consultant,
      body: { email: 'x@test.local', fullName: 'X Y', role: 'admin' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'forbidden' });
    const duplicate = await t.http('POST', '/api/users', {
      token: admin,
      body: { email: 'CONSULTANT@test.local', fullName: 'Again', role: 'consultant' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toBe('email_taken');
  });

  it('locks an account after repeated failures', async () => {
    const admin = await t.login();
    await t.http('POST', '/api/users', {
      token: admin,
      body: { email: 'lock@test.local', fullName: 'Lock Me', password: 'lock-me-password', role: 'consultant' },
    });
    for (let i = 0; i < 3; i++)
      await t.http('POST', '/api/auth/login', { body: { email: 'lock@test.local', password: 'bad' } });
    const locked = await t.http('POST', '/api/auth/login', {
      body: { email: 'lock@test.local', password: 'lock-me-password' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe('account_locked');
  });

  it('admits a Socket.IO connection on /agent only with a valid session', async () => {
    const token = await t.login();
    const connect = (auth: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = io(`${t.baseUrl}/agent`, { auth, transports: ['websocket'], reconnection: false });
        socket.on('session:ready', () => {
          socket.close();
          resolve('ready');
        });
        socket.on('connect_error', (error) => {
          socket.close();
          resolve(error.message);
        });
      });
    expect(await connect({ token })).toBe('ready');
    expect(await connect({ token: 'forged' })).toBe('unauthorized');
  });
});
