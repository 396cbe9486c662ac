import { contacts } from '../../src/contacts/contacts.schema.js';
import type { TestApp } from '../support/test-app.js';

/** A contact row straight in the database, so these tests do not depend on the contacts API. */
export async function insertContact(t: TestApp, displayName: string): Promise<string> {
  const [row] = await t.db.insert(contacts).values({ displayName }).returning({ id: contacts.id });
  return row.id;
}

export async function createDepartment(t: TestApp, admin: string, code: string): Promise<string> {
  const res = await t.http('POST', '/api/departments', { token: admin, body: { code, name: `Department ${code}` } });
  if (res.status !== 201) throw new Error(`department ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Creates a user and signs them in. */
export async function createUserAndLogin(
  t: TestApp,
  admin: string,
  user: { email: string; role: 'admin' | 'supervisor' | 'consultant' | 'marketer'; departmentId?: string | null },
): Promise<{ id: string; token: string }> {
  const password = 'test-password-123';
  const res = await t.http('POST', '/api/users', {
    token: admin,
    body: { ...user, fullName: `User ${user.email}`, password },
  });
  if (res.status !== 201) throw new Error(`user ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, token: await t.login(user.email, password) };
}

export type PipelineView = {
  id: string;
  code: string;
  name: string;
  stages: { id: string; name: string; kind: string }[];
};

export async function pipelineByCode(t: TestApp, token: string, code: string): Promise<PipelineView> {
  const res = await t.http('GET', '/api/pipelines', { token });
  return (res.body as PipelineView[]).find((p) => p.code === code)!;
}

export function stageNamed(pipeline: PipelineView, name: string): string {
  return pipeline.stages.find((s) => s.name === name)!.id;
}
