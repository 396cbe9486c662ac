import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { NDialogProvider, NMessageProvider, NNotificationProvider } from 'naive-ui';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { defineComponent, h, type Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n } from '@/i18n';

/** Mounts a desk component the way the app runs it: Pinia, i18n (ro), a router and Naive UI's providers. */
export function mountDesk<C extends Component>(
  component: C,
  options: { props?: Record<string, unknown>; pinia?: Pinia } = {},
) {
  const pinia = options.pinia ?? createPinia();
  setActivePinia(pinia);
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/:pathMatch(.*)*', name: 'any', component: { render: () => null } },
      ...['home', 'inbox', 'calls', 'contact', 'card', 'pipelines', 'tasks', 'contacts', 'login'].map((name) => ({
        path: `/${name}/:id?/:pipelineId?`,
        name,
        component: { render: () => null },
      })),
    ],
  });
  const Host = defineComponent({
    setup: () => () =>
      h(NNotificationProvider, null, () =>
        h(NMessageProvider, null, () => h(NDialogProvider, null, () => h(component as Component, options.props ?? {}))),
      ),
  });
  const wrapper = mount(Host, {
    global: { plugins: [pinia, i18n, router] },
    attachTo: document.body,
  } as ComponentMountingOptions<typeof Host>);
  return { wrapper, pinia, router };
}

/** A fetch double answering by "METHOD /path" with a status and JSON body; records every request. */
export function fakeFetch(
  routes: Record<
    string,
    { status?: number; body?: unknown } | ((init: RequestInit) => { status?: number; body?: unknown })
  >,
) {
  const calls: Array<{ method: string; url: string; body: unknown; headers: Record<string, string> }> = [];
  const fn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    calls.push({
      method,
      url,
      body: init.body instanceof FormData ? init.body : init.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init.headers ?? {}) as Record<string, string>,
    });
    const path = url.split('?')[0];
    const route = routes[`${method} ${path}`];
    const answer = typeof route === 'function' ? route(init) : route;
    if (!answer)
      return new Response(JSON.stringify({ error: 'not_found', message: 'Cannot find route.' }), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      });
    const status = answer.status ?? 200;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fetch: fn as typeof fetch, calls };
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
