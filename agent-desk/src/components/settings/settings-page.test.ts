import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { User } from '@/api/types';
import SettingsPage from '@/pages/SettingsPage.vue';
import { useSessionStore } from '@/stores/session';
import { mountDesk } from '@/test-support/mount-desk';
import { navItemsFor } from '../shell/nav-items';
import { settle } from './settings-test-kit';

function signedIn(permissions: string[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().user = {
    id: 'u1',
    email: 'ana@consult.local',
    fullName: 'Ana Popescu',
    role: 'consultant',
    departmentId: null,
    permissions,
    locale: 'ro',
    phoneExtension: null,
    photoUrl: null,
  } satisfies User;
  return pinia;
}

describe('Settings section', { timeout: 90_000 }, () => {
  it('tells someone without the admin rights that settings are not for them', async () => {
    const { wrapper } = mountDesk(SettingsPage, { pinia: signedIn(['cards.edit']) });
    await settle();
    expect(wrapper.find('nav').exists()).toBe(false);
    expect(wrapper.find('[data-testid="settings-no-access"]').text()).toContain(
      'Setările sunt doar pentru administratori',
    );
  });

  it('is in the navigation (desktop sidebar, phone “…” menu) only for those with settings.manage', () => {
    const can = (granted: string[]) => (p: string) => granted.includes(p);
    const settings = navItemsFor(can(['settings.manage'])).find((i) => i.name === 'settings');
    expect(settings).toMatchObject({ labelKey: 'settings.nav', desktopOnly: true });
    expect(settings?.match).toEqual(
      expect.arrayContaining(['settings-users', 'settings-pipelines', 'settings-channels', 'settings-hours']),
    );
    expect(navItemsFor(can(['cards.edit'])).some((i) => i.name === 'settings')).toBe(false);
  });
});
