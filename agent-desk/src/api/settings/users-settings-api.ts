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

/** The roles and what each grants (fixed on the server), plus every right a user can be given. */
export type RoleCatalogue = { permissions: string[]; roles: Array<{ role: Role; permissions: string[] }> };

const id = encodeURIComponent;

export const usersSettingsApi = {
  list: () => api.get<TeamMember[]>('/users'),
  create: (input: TeamMemberInput) => api.post<TeamMember>('/users', input),
  update: (userId: string, patch: Partial<TeamMemberInput>) => api.patch<TeamMember>(`/users/${id(userId)}`, patch),
  roles: () => api.get<RoleCatalogue>('/roles'),
  departments: () => api.get<Department[]>('/departments'),
  createDepartment: (input: { code: string; name: string }) => api.post<Department>('/departments', input),
  renameDepartment: (departmentId: string, name: string) =>
    api.patch<Department>(`/departments/${id(departmentId)}`, { name }),
};
