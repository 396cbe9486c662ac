/** The settings screens, their routes and the right each needs (the server checks the same right). */
export type SettingsSection = { name: string; labelKey: string; permission: string };

export const SETTINGS_SECTIONS: SettingsSection[] = [
  { name: 'settings-users', labelKey: 'settings.sections.users', permission: 'users.manage' },
  { name: 'settings-roles', labelKey: 'settings.sections.roles', permission: 'users.manage' },
  { name: 'settings-pipelines', labelKey: 'settings.sections.pipelines', permission: 'settings.manage' },
  { name: 'settings-channels', labelKey: 'settings.sections.channels', permission: 'settings.manage' },
  { name: 'settings-hours', labelKey: 'settings.sections.hours', permission: 'settings.manage' },
];

export const SETTINGS_ROUTE_NAMES = ['settings', ...SETTINGS_SECTIONS.map((s) => s.name)];
