import type { Permission, Role } from '../users/roles.js';

/** Who is calling: attached to the request (and its RequestContext) by the AuthGuard. */
export type AuthenticatedUser = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  departmentId: string | null;
  permissions: Permission[];
  locale: string;
  phoneExtension: string | null;
  sessionId: string;
};
