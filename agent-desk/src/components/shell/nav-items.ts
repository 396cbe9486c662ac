import { CalendarOutline, ChatbubblesOutline, GitNetworkOutline, HomeOutline, PeopleOutline } from '@vicons/ionicons5';
import type { Component } from 'vue';

export type NavItem = { name: string; labelKey: string; icon: Component; match: string[] };

/** The desk's main sections, shared by the sidebar (desktop/tablet) and the bottom bar (phone). */
export const NAV_ITEMS: NavItem[] = [
  { name: 'home', labelKey: 'nav.home', icon: HomeOutline, match: ['home'] },
  { name: 'inbox', labelKey: 'nav.inbox', icon: ChatbubblesOutline, match: ['inbox'] },
  { name: 'contacts', labelKey: 'nav.contacts', icon: PeopleOutline, match: ['contacts', 'contact'] },
  { name: 'pipelines', labelKey: 'nav.pipelines', icon: GitNetworkOutline, match: ['pipelines', 'card'] },
  { name: 'tasks', labelKey: 'nav.tasks', icon: CalendarOutline, match: ['tasks'] },
];
