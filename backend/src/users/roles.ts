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

export function permissionsOf(role: Role, extra: readonly string[] = []): Permission[] {
  const granted = new Set<Permission>(ROLE_PERMISSIONS[role]);
  for (const p of extra) if ((PERMISSIONS as readonly string[]).includes(p)) granted.add(p as Permission);
  return [...granted].sort();
}

/** What each role carries, for the settings screen: role rights are fixed here; a user's extra rights are per user. */
export function roleCatalogue() {
  return {
    permissions: [...PERMISSIONS],
    roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
  };
}
