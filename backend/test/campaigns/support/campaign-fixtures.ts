import type { TestApp } from '../../support/test-app.js';

export const SIGNATURE_HTML = 'Consultant, Departamentul Granturi<br>tel. +373 22 000 111';

export async function expectCreated(res: { status: number; body: any }, what: string) {
  if (res.status !== 201 && res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createConsultant(t: TestApp, admin: string, email = 'maria.ceban@centru.md') {
  return expectCreated(
    await t.http('POST', '/api/users', {
      token: admin,
      body: {
        email,
        fullName: 'Maria Ceban',
        password: 'consultant-password-1',
        role: 'consultant',
        phone: '+37322000111',
        photoUrl: 'https://crm.centru.md/photos/maria.jpg',
        signatureHtml: SIGNATURE_HTML,
      },
    }),
    'consultant',
  );
}

export async function createContact(t: TestApp, admin: string, body: Record<string, unknown>) {
  return expectCreated(await t.http('POST', '/api/contacts', { token: admin, body }), 'contact');
}

export async function pipelineWithStages(t: TestApp, admin: string, code = 'cold-calls-events') {
  const list = await t.http('GET', '/api/pipelines', { token: admin });
  const pipeline = list.body.find((p: any) => p.code === code);
  const full = await t.http('GET', `/api/pipelines/${pipeline.id}`, { token: admin });
  return full.body;
}

export async function createCard(t: TestApp, admin: string, body: Record<string, unknown>) {
  return expectCreated(await t.http('POST', '/api/cards', { token: admin, body }), 'card');
}

export async function createSegment(t: TestApp, admin: string, name: string, tag: string) {
  return expectCreated(
    await t.http('POST', '/api/segments', {
      token: admin,
      body: { name, filter: { conditions: [{ field: 'tags', op: 'hasAny', value: [tag] }] } },
    }),
    'segment',
  );
}

export async function createTemplate(t: TestApp, admin: string, body: Record<string, unknown>) {
  return expectCreated(await t.http('POST', '/api/message-templates', { token: admin, body }), 'template');
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
