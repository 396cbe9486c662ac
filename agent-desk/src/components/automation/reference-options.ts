import { inject, provide, reactive, type InjectionKey } from 'vue';
import { authApi } from '@/api/auth-api';
import { automationApi } from '@/api/automation-api';
import { campaignsApi } from '@/api/campaigns-api';
import { teamApi } from '@/api/conversations-api';
import { pipelinesApi } from '@/api/pipelines-api';
import { templatesApi } from '@/api/templates-api';
import { INBOX_CHANNELS } from '@/components/inbox/channels';
import type { ReferenceKind } from './param-schema';

export type ReferenceOption = { value: string; label: string; group?: string };
type Loader = () => Promise<ReferenceOption[]>;

const LOADERS: Record<ReferenceKind, Loader> = {
  pipeline: async () => (await pipelinesApi.list()).map((p) => ({ value: p.id, label: p.name })),
  stage: async () =>
    (await pipelinesApi.list()).flatMap((p) =>
      p.stages.map((s) => ({ value: s.id, label: `${p.name} · ${s.name}`, group: p.name })),
    ),
  user: async () => (await teamApi.list()).map((u) => ({ value: u.id, label: u.fullName })),
  department: async () => (await authApi.departments()).map((d) => ({ value: d.id, label: d.name })),
  template: async () =>
    (await templatesApi.list({ active: true }))
      .map((t) => ({ value: t.id, label: `${t.name} · ${t.channel} · ${t.locale}` }))
      .sort((a, b) => a.label.localeCompare(b.label)),
  audience: async () => (await automationApi.mailchimpAudiences()).map((a) => ({ value: a.id, label: a.name })),
  channelAccount: async () =>
    (await campaignsApi.channelAccounts()).map((a) => ({ value: a.id, label: `${a.name} · ${a.channel}` })),
  channel: async () => INBOX_CHANNELS.map((c) => ({ value: c, label: c })),
};

/**
 * The entities rule parameters point at, each list fetched once per editor when a control first needs it. A list the
 * server refuses (no permission, not set up) stays empty and the control falls back to typing the id.
 */
export type ReferenceOptions = {
  options(kind: ReferenceKind): ReferenceOption[] | undefined;
  load(kind: ReferenceKind): void;
};

const KEY: InjectionKey<ReferenceOptions> = Symbol('automation-reference-options');

export function provideReferenceOptions(): ReferenceOptions {
  const lists = reactive<Partial<Record<ReferenceKind, ReferenceOption[]>>>({});
  const started = new Set<ReferenceKind>();
  const service: ReferenceOptions = {
    options: (kind) => lists[kind],
    load(kind) {
      if (started.has(kind)) return;
      started.add(kind);
      LOADERS[kind]()
        .then((list) => (lists[kind] = list))
        .catch(() => (lists[kind] = []));
    },
  };
  provide(KEY, service);
  return service;
}

export function useReferenceOptions(): ReferenceOptions {
  const service = inject(KEY, null);
  if (!service) throw new Error('useReferenceOptions() needs provideReferenceOptions() in the rule editor.');
  return service;
}
