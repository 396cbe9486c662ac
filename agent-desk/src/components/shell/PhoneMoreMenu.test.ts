import { describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { User } from '@/api/types';
import { useSessionStore } from '@/stores/session';
import { flush, mountDesk } from '@/test-support/mount-desk';
import { NAV_ITEMS } from './nav-items';
import PhoneMoreMenu from './PhoneMoreMenu.vue';

function signedIn(permissions: string[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().user = {
    id: 'u1',
    email: 'a@consult.local',
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

describe('PhoneMoreMenu', () => {
  it('lists the sections the phone’s bottom bar leaves out and opens the one chosen', async () => {
    const { wrapper, router } = mountDesk(PhoneMoreMenu, { pinia: signedIn(['campaigns.send', 'automation.manage']) });
    for (const item of NAV_ITEMS.filter((i) => i.desktopOnly))
      router.addRoute({ path: `/${item.name}`, name: item.name, component: { render: () => null } });
    const button = wrapper.find('[data-testid="phone-more"]');
    expect(button.attributes('aria-label')).toBe('Mai multe secțiuni');
    await button.trigger('click');
    await flush();
    const labels = [...document.querySelectorAll('.n-dropdown-option')].map((o) => o.textContent?.trim());
    expect(labels).toEqual(expect.arrayContaining(['Rapoarte', 'Șabloane', 'Campanii', 'Automatizări', 'Apeluri']));
    expect(labels).not.toContain('Acasă');
    const reports = [...document.querySelectorAll('.n-dropdown-option')].find((o) =>
      o.textContent?.includes('Rapoarte'),
    ) as HTMLElement;
    (reports.querySelector('.n-dropdown-option-body') as HTMLElement).click();
    await flush();
    await flush();
    expect(router.currentRoute.value.name).toBe('dashboards');
  });

  it('opens Calls, which the bottom bar leaves out, for everyone', async () => {
    const { wrapper, router } = mountDesk(PhoneMoreMenu, { pinia: signedIn([]) });
    await wrapper.find('[data-testid="phone-more"]').trigger('click');
    await flush();
    const calls = [...document.querySelectorAll('.n-dropdown-option')].find((o) =>
      o.textContent?.includes('Apeluri'),
    ) as HTMLElement;
    (calls.querySelector('.n-dropdown-option-body') as HTMLElement).click();
    await flush();
    await flush();
    expect(router.currentRoute.value.name).toBe('calls');
  });

  it('leaves out the sections a user has no right to', async () => {
    const { wrapper } = mountDesk(PhoneMoreMenu, { pinia: signedIn([]) });
    await wrapper.find('[data-testid="phone-more"]').trigger('click');
    await flush();
    const labels = [...document.querySelectorAll('.n-dropdown-option')].map((o) => o.textContent?.trim());
    expect(labels).toEqual(expect.arrayContaining(['Rapoarte', 'Șabloane']));
    expect(labels).not.toContain('Campanii');
    expect(labels).not.toContain('Automatizări');
  });
});
