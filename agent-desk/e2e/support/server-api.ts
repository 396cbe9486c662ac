import { DEMO_ADMIN } from './desk-page';

export type ServerApi = <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

/** Signs a user in from the test process (not the browser) and calls the API as them. */
export async function serverApiAs(baseUrl: string, user = DEMO_ADMIN): Promise<ServerApi> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (!login.ok) throw new Error(`Signing ${user.email} in failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}
