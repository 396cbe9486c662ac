import { ApiError } from './api-error';

type Query = Record<string, string | number | boolean | null | undefined>;
type RequestOptions = { query?: Query; body?: unknown; signal?: AbortSignal };

export type ApiClientOptions = {
  baseUrl?: string;
  getToken: () => string | null;
  /** Called once per 401 on an authenticated call (expired or revoked session). */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
};

/** A small typed fetch wrapper: JSON in and out, bearer token, every failure becomes an ApiError. */
export class ApiClient {
  constructor(private options: ApiClientOptions) {}

  configure(options: Partial<ApiClientOptions>): void {
    this.options = { ...this.options, ...options };
  }

  get<T>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('GET', path, options);
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }

  patch<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  put<T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  delete<T = void>(path: string, options: Omit<RequestOptions, 'body'> = {}): Promise<T> {
    return this.request<T>('DELETE', path, options);
  }

  async request<T>(method: string, path: string, { query, body, signal }: RequestOptions = {}): Promise<T> {
    const token = this.options.getToken();
    const headers: Record<string, string> = { Accept: 'application/json' };
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = `Bearer ${token}`;
    const doFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(this.url(path, query), {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      });
    } catch (cause) {
      if ((cause as { name?: string })?.name === 'AbortError') throw cause;
      throw ApiError.network(cause);
    }
    if (!response.ok) {
      const error = await ApiError.fromResponse(response);
      if (error.status === 401 && token) this.options.onUnauthorized?.();
      throw error;
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private url(path: string, query?: Query): string {
    const base = (this.options.baseUrl ?? '/api').replace(/\/$/, '');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const qs = params.toString();
    return `${base}${path.startsWith('/') ? path : `/${path}`}${qs ? `?${qs}` : ''}`;
  }
}

/** The desk's one client; the session store plugs in the token and the 401 handler. */
export const api = new ApiClient({ getToken: () => null });

/** For routes other engineers are still building: a missing route yields the fallback instead of an error. */
export async function orFallback<T>(call: Promise<T>, fallback: T): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof ApiError && (error.isMissingRoute || error.status === 403)) return fallback;
    throw error;
  }
}

/** Lists come back as an array or as `{ items }` (paged): callers always get an array. */
export function asList<T>(value: unknown): T[] {
  if (Array.isArray(value)) return value as T[];
  if (value && typeof value === 'object') {
    const v = value as { items?: unknown; data?: unknown; results?: unknown };
    const list = v.items ?? v.data ?? v.results;
    if (Array.isArray(list)) return list as T[];
  }
  return [];
}
