export const ROLES = ['admin', 'supervisor', 'consultant', 'marketer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Rights beyond reading and working one's own cards. A role grants a default set; an admin can grant a user more
 * (for example `contacts.export` to one consultant) through `users.extraPermissions`.
 */
export const PERMISSIONS = [
  'contacts.import',
  'contacts.export',
  'contacts.edit',
  'contacts.erase',
  'cards.edit',
  'cards.all_departments',
  'calls.listen',
  'calls.download',
  'campaigns.send',
  'templates.manage',
  'automation.manage',
  'reports.view',
  'settings.manage',
  'users.manage',
  'audit.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  supervisor: [
    'contacts.import',
    'contacts.export',
    'contacts.edit',
    'cards.edit',
    'cards.all_departments',
    'calls.listen',
    'calls.download',
    'campaigns.send',
    'templates.manage',
    'automation.manage',
    'reports.view',
    'audit.view',
  ],
  consultant: ['contacts.edit', 'cards.edit', 'calls.listen'],
  marketer: ['contacts.export', 'contacts.edit', 'campaigns.send', 'templates.manage', 'reports.view'],
};

/**
 * Role rights an administrator changed (RoleRightsService keeps this process's copy in step with the database);
 * a role without an entry carries its default set. The administrator role always carries every right.
 */
const changedRoleRights = new Map<Role, readonly Permission[]>();

export function useChangedRoleRights(rows: readonly { role: Role; permissions: readonly string[] }[]): void {
  changedRoleRights.clear();
  for (const row of rows)
    if (row.role !== 'admin')
      changedRoleRights.set(
        row.role,
        PERMISSIONS.filter((p) => row.permissions.includes(p)),
      );
}

/** What a role grants now: its changed set, else its default. */
export function rightsOfRole(role: Role): readonly Permission[] {
  if (role === 'admin') return PERMISSIONS;
  return changedRoleRights.get(role) ?? ROLE_PERMISSIONS[role];
}

export function permissionsOf(role: Role, extra: readonly string[] = []): Permission[] {
  const granted = new Set<Permission>(rightsOfRole(role));
  for (const p of extra) if ((PERMISSIONS as readonly string[]).includes(p)) granted.add(p as Permission);
  return [...granted].sort();
}

/**
 * What each role carries, for the settings screen: its rights now, its defaults, and whether an administrator may
 * change them (every role but the administrator's); a user's extra rights are per user.
 */
export function roleCatalogue() {
  return {
    permissions: [...PERMISSIONS],
    roles: ROLES.map((role) => ({
      role,
      permissions: [...rightsOfRole(role)],
      defaults: [...ROLE_PERMISSIONS[role]],
      editable: role !== 'admin',
    })),
  };
}
