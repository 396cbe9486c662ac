import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports the database and Redis up', async () => {
    const res = await t.http('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.db).toMatchObject({
      status: 'up',
      kind: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
    });
    expect(res.body.redis).toMatchObject({ status: 'up' });
  });

  it('answers with a request id header and serves the OpenAPI document', async () => {
    const res = await t.http('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/[\w-]{8,}/);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/api/auth/login');
    expect(res.body.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('keeps an unknown route in the error shape', async () => {
    const res = await t.http('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'not_found' });
    expect(typeof res.body.message).toBe('string');
  });
});
