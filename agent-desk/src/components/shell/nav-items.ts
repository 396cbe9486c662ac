import {
  BarChartOutline,
  CalendarOutline,
  CallOutline,
  ChatbubblesOutline,
  DocumentTextOutline,
  FlashOutline,
  GitNetworkOutline,
  HomeOutline,
  MegaphoneOutline,
  PeopleOutline,
  SettingsOutline,
} from '@vicons/ionicons5';
import type { Component } from 'vue';
import { SETTINGS_ROUTE_NAMES } from '../settings/settings-sections';

/** `desktopOnly` sections stay out of the phone's bottom bar (five tabs fit it); `permission` hides a section from those without it. */
export type NavItem = {
  name: string;
  labelKey: string;
  icon: Component;
  match: string[];
  desktopOnly?: boolean;
  permission?: string;
};

/** The desk's main sections, shared by the sidebar (desktop/tablet) and the bottom bar (phone). */
export const NAV_ITEMS: NavItem[] = [
  { name: 'home', labelKey: 'nav.home', icon: HomeOutline, match: ['home'] },
  { name: 'inbox', labelKey: 'nav.inbox', icon: ChatbubblesOutline, match: ['inbox'] },
  { name: 'contacts', labelKey: 'nav.contacts', icon: PeopleOutline, match: ['contacts', 'contact'] },
  { name: 'pipelines', labelKey: 'nav.pipelines', icon: GitNetworkOutline, match: ['pipelines', 'card'] },
  { name: 'dashboards', labelKey: 'dashboards.nav', icon: BarChartOutline, match: ['dashboards'], desktopOnly: true },
  {
    name: 'templates',
    labelKey: 'templates.nav',
    icon: DocumentTextOutline,
    match: ['templates', 'template'],
    desktopOnly: true,
  },
  {
    name: 'campaigns',
    labelKey: 'campaigns.nav',
    icon: MegaphoneOutline,
    match: ['campaigns', 'campaign'],
    desktopOnly: true,
    permission: 'campaigns.send',
  },
  {
    name: 'automation',
    labelKey: 'automation.nav',
    icon: FlashOutline,
    match: ['automation'],
    desktopOnly: true,
    permission: 'automation.manage',
  },
  { name: 'tasks', labelKey: 'nav.tasks', icon: CalendarOutline, match: ['tasks'] },
  { name: 'calls', labelKey: 'nav.calls', icon: CallOutline, match: ['calls'], desktopOnly: true },
  {
    name: 'settings',
    labelKey: 'settings.nav',
    icon: SettingsOutline,
    match: SETTINGS_ROUTE_NAMES,
    desktopOnly: true,
    permission: 'settings.manage',
  },
];

/** The sections this user may open (the server refuses the others anyway). */
export const navItemsFor = (can: (permission: string) => boolean) =>
  NAV_ITEMS.filter((item) => !item.permission || can(item.permission));
