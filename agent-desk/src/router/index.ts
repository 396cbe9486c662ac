import { createRouter, createWebHistory, type RouteRecordRaw, type Router, type RouterHistory } from 'vue-router';
import { useSessionStore } from '@/stores/session';

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('@/layouts/AppShell.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/HomePage.vue') },
      { path: 'inbox/:id?', name: 'inbox', component: () => import('@/pages/InboxPage.vue'), props: true },
      { path: 'contacts', name: 'contacts', component: () => import('@/pages/ContactsPage.vue') },
      { path: 'contacts/:id', name: 'contact', component: () => import('@/pages/ContactPage.vue'), props: true },
      {
        path: 'pipelines/:pipelineId?',
        name: 'pipelines',
        component: () => import('@/pages/PipelinesPage.vue'),
        props: true,
      },
      { path: 'cards/:id', name: 'card', component: () => import('@/pages/CardPage.vue'), props: true },
      { path: 'calls', name: 'calls', component: () => import('@/pages/CallsPage.vue') },
      { path: 'tasks', name: 'tasks', component: () => import('@/pages/TasksPage.vue') },
      { path: 'dashboards', name: 'dashboards', component: () => import('@/pages/DashboardsPage.vue') },
      { path: 'notifications', name: 'notifications', component: () => import('@/pages/NotificationSettingsPage.vue') },
      { path: 'templates', name: 'templates', component: () => import('@/pages/TemplatesPage.vue') },
      { path: 'templates/:id', name: 'template', component: () => import('@/pages/TemplatePage.vue'), props: true },
      { path: 'campaigns', name: 'campaigns', component: () => import('@/pages/CampaignsPage.vue') },
      { path: 'campaigns/:id', name: 'campaign', component: () => import('@/pages/CampaignPage.vue'), props: true },
      { path: 'automation', name: 'automation', component: () => import('@/pages/AutomationPage.vue') },
      {
        path: 'settings',
        component: () => import('@/pages/SettingsPage.vue'),
        children: [
          { path: '', name: 'settings', redirect: { name: 'settings-users' } },
          { path: 'users', name: 'settings-users', component: () => import('@/pages/settings/UsersSettingsPage.vue') },
          { path: 'roles', name: 'settings-roles', component: () => import('@/pages/settings/RolesSettingsPage.vue') },
          {
            path: 'pipelines',
            name: 'settings-pipelines',
            component: () => import('@/pages/settings/PipelinesSettingsPage.vue'),
          },
          {
            path: 'channels',
            name: 'settings-channels',
            component: () => import('@/pages/settings/ChannelAccountsSettingsPage.vue'),
          },
          {
            path: 'working-hours',
            name: 'settings-hours',
            component: () => import('@/pages/settings/WorkingHoursSettingsPage.vue'),
          },
        ],
      },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue') },
    ],
  },
];

/** Every page but the login needs a session; a signed-in user visiting /login goes home. */
export function createDeskRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes, scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 } });
  router.beforeEach(async (to) => {
    const session = useSessionStore();
    await session.restore();
    if (to.meta.public) return session.isAuthenticated && to.name === 'login' ? { name: 'home' } : true;
    if (!session.isAuthenticated) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
    return true;
  });
  return router;
}
