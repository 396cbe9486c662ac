import { api } from '../api-client';
import type { Department, Locale, Role } from '../types';

/** A user as the administrator sees them (`GET /api/users`). */
export type TeamMember = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  departmentId: string | null;
  permissions: string[];
  extraPermissions: string[];
  phoneExtension: string | null;
  phone: string | null;
  locale: Locale | string;
  active: boolean;
};

/** What the user form sends; `password` only when typed (a new user without one signs in after a reset). */
export type TeamMemberInput = {
  email: string;
  fullName: string;
  password?: string;
  role: Role;
  departmentId: string | null;
  extraPermissions: string[];
  phoneExtension: string | null;
  phone: string | null;
  locale: Locale;
  active?: boolean;
};

/** A role: what it grants now, by default, and whether an administrator may change it (all but the admin role). */
export type RoleRights = { role: Role; permissions: string[]; defaults?: string[]; editable?: boolean };
/** The roles and what each grants, plus every right a user can be given. */
export type RoleCatalogue = { permissions: string[]; roles: RoleRights[] };

const id = encodeURIComponent;

export const usersSettingsApi = {
  list: () => api.get<TeamMember[]>('/users'),
  create: (input: TeamMemberInput) => api.post<TeamMember>('/users', input),
  update: (userId: string, patch: Partial<TeamMemberInput>) => api.patch<TeamMember>(`/users/${id(userId)}`, patch),
  roles: () => api.get<RoleCatalogue>('/roles'),
  setRoleRights: (role: Role, permissions: string[]) => api.put<RoleRights>(`/roles/${id(role)}`, { permissions }),
  departments: () => api.get<Department[]>('/departments'),
  createDepartment: (input: { code: string; name: string }) => api.post<Department>('/departments', input),
  renameDepartment: (departmentId: string, name: string) =>
    api.patch<Department>(`/departments/${id(departmentId)}`, { name }),
};
