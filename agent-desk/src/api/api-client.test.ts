import { describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '@/test-support/mount-desk';
import { ApiClient, asList, orFallback } from './api-client';
import { ApiError } from './api-error';

describe('ApiError mapping', () => {
  it('maps the backend body { error, message, fields } into a typed ApiError', async () => {
    const response = new Response(
      JSON.stringify({
        error: 'validation_failed',
        message: 'Please correct these fields: email.',
        fields: { email: 'Enter a valid e-mail address.' },
      }),
      { status: 400 },
    );
    const error = await ApiError.fromResponse(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe('Please correct these fields: email.');
    expect(error.fields).toEqual({ email: 'Enter a valid e-mail address.' });
    expect(error.isValidation).toBe(true);
    expect(error.hasFieldErrors).toBe(true);
  });

  it('keeps 422 business-rule fields and tolerates non-JSON or foreign error bodies', async () => {
    const stage = await ApiError.fromResponse(
      new Response(
        JSON.stringify({
          error: 'required_fields_missing',
          message: 'Fill in budget.',
          fields: { budget: 'Required in stage Aplicare', tags: ['a', 'b'] },
        }),
        { status: 422 },
      ),
    );
    expect(stage.code).toBe('required_fields_missing');
    expect(stage.fields).toEqual({ budget: 'Required in stage Aplicare', tags: 'a b' });

    const html = await ApiError.fromResponse(
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(html.code).toBe('internal_error');
    expect(html.message).toBe('Bad Gateway');
    expect(html.fields).toEqual({});

    const missing = await ApiError.fromResponse(new Response(JSON.stringify({ statusCode: 404 }), { status: 404 }));
    expect(missing.code).toBe('not_found');
    expect(missing.isMissingRoute).toBe(true);
  });
});

describe('ApiClient', () => {
  it('sends JSON with the bearer token and query string, and returns the parsed body', async () => {
    const { fetch, calls } = fakeFetch({ 'POST /api/tasks': { status: 201, body: { id: 't1' } } });
    const client = new ApiClient({ getToken: () => 'tok-123', fetch });
    const result = await client.post<{ id: string }>(
      '/tasks',
      { title: 'Sună' },
      { query: { dry: true, empty: '', none: undefined } },
    );
    expect(result).toEqual({ id: 't1' });
    expect(calls[0].url).toBe('/api/tasks?dry=true');
    expect(calls[0].headers.Authorization).toBe('Bearer tok-123');
    expect(calls[0].headers['Content-Type']).toBe('application/json');
    expect(calls[0].body).toEqual({ title: 'Sună' });
  });

  it('throws ApiError on 4xx, calls onUnauthorized on a 401 of a signed-in call, and maps network failures', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch({
      'GET /api/auth/me': { status: 401, body: { error: 'unauthorized', message: 'Please sign in.' } },
    });
    const client = new ApiClient({ getToken: () => 'expired', fetch, onUnauthorized });
    await expect(client.get('/auth/me')).rejects.toMatchObject({
      status: 401,
      code: 'unauthorized',
      message: 'Please sign in.',
    });
    expect(onUnauthorized).toHaveBeenCalledOnce();

    const offline = new ApiClient({
      getToken: () => null,
      fetch: (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch,
    });
    await expect(offline.get('/health')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('degrades missing routes to a fallback and normalizes list shapes', async () => {
    const { fetch } = fakeFetch({});
    const client = new ApiClient({ getToken: () => null, fetch });
    await expect(orFallback(client.get('/calls'), [])).resolves.toEqual([]);
    await expect(orFallback(Promise.reject(new ApiError(500, 'internal_error', 'boom')), [])).rejects.toThrow('boom');
    expect(asList([1, 2])).toEqual([1, 2]);
    expect(asList({ items: [3], nextCursor: null })).toEqual([3]);
    expect(asList(null)).toEqual([]);
  });
});
