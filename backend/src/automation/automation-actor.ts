import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { requestContext } from '../common/request-context.js';
import type { CardViewer } from '../consultations/card-viewer.js';
import { ROLE_PERMISSIONS } from '../users/roles.js';

/** Services called by actions see every department and record no user as creator. */
export const AUTOMATION_VIEWER: CardViewer = {
  id: null as unknown as string,
  departmentId: null,
  permissions: ['cards.all_departments'],
};

/**
 * Runs an action as the rule: audit events of the services it calls carry no user and the label
 * `automation:<rule name>`, so the audit trail says which rule changed what.
 */
export function runAsRule<T>(rule: { id: string; name: string }, fn: () => Promise<T>): Promise<T> {
  const actor = {
    id: null,
    email: `automation:${rule.name}`,
    fullName: rule.name,
    role: 'admin',
    departmentId: null,
    permissions: [...ROLE_PERMISSIONS.admin],
    locale: 'ro',
    phoneExtension: null,
    sessionId: `rule:${rule.id}`,
  } as unknown as AuthenticatedUser;
  return requestContext.run({ requestId: `rule-${rule.id}`, user: actor }, fn);
}
