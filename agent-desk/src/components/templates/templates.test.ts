import { describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { api } from '@/api/api-client';
import type { MergeField, MessageTemplate, TemplatePreview } from '@/api/templates-api';
import type { User } from '@/api/types';
import TemplatePage from '@/pages/TemplatePage.vue';
import TemplatesPage from '@/pages/TemplatesPage.vue';
import { useSessionStore } from '@/stores/session';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import SendTemplateFromCard from './SendTemplateFromCard.vue';
import { insertMergeField, matchesScope } from './template-scope';

const template = (id: string, over: Partial<MessageTemplate> = {}): MessageTemplate => ({
  id,
  key: 'consultation-follow-up',
  name: `Revenire ${id}`,
  channel: 'sms',
  format: 'text',
  locale: 'ro',
  subject: null,
  body: 'Bună, {{contact.firstName}}! Vă așteptăm la {{centre.name}}.',
  departmentId: null,
  pipelineId: null,
  service: null,
  active: true,
  origin: 'custom',
  createdBy: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  updatedAt: '2026-11-30T10:00:00.000Z',
  ...over,
});
const mergeFields: MergeField[] = [
  {
    path: 'contact.firstName',
    type: 'string',
    group: 'contact',
    label: { ro: 'Prenume', ru: 'Имя', en: 'First name' },
    sample: 'Ion',
    optional: false,
  },
  {
    path: 'consultant.fullName',
    type: 'string',
    group: 'consultant',
    label: { ro: 'Nume complet', ru: 'Полное имя', en: 'Full name' },
    sample: 'Ana',
    optional: true,
  },
];
const smsPreview: TemplatePreview = {
  ok: true,
  issues: [],
  text: 'Bună, Ion! Vă așteptăm.',
  missingFields: ['centre.name'],
  sms: { encoding: 'UCS-2', characters: 24, segments: 1, perSegment: 70, remainingInSegment: 46 },
};
const user = (permissions: string[]): User => ({
  id: 'u1',
  email: 'm@consult.local',
  fullName: 'Maria Lungu',
  role: permissions.length ? 'marketer' : 'consultant',
  departmentId: null,
  permissions,
  locale: 'ro',
  phoneExtension: null,
  photoUrl: null,
});
const settle = async (n = 4) => {
  for (let i = 0; i < n; i++) await flush();
};
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signedIn(permissions: string[]) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().user = user(permissions);
  return pinia;
}

describe('template helpers', () => {
  it('filters by scope: general ones have no department, pipeline or instrument', () => {
    const general = template('a');
    const scoped = template('b', { pipelineId: 'p1', service: 'grant-start' });
    expect(matchesScope(general, 'general')).toBe(true);
    expect(matchesScope(scoped, 'general')).toBe(false);
    expect(matchesScope(scoped, 'pipeline')).toBe(true);
    expect(matchesScope(scoped, 'service')).toBe(true);
    expect(matchesScope(scoped, 'department')).toBe(false);
  });
  it('inserts a merge field at the caret, replacing a selection', () => {
    expect(insertMergeField('Bună, !', 'contact.firstName', 6)).toEqual({
      text: 'Bună, {{contact.firstName}}!',
      caret: 27,
    });
    expect(insertMergeField('Bună, X!', 'contact.firstName', 6, 7).text).toBe('Bună, {{contact.firstName}}!');
  });
});

describe('TemplatesPage', () => {
  it('lists templates, asks the server by channel and filters the scope on the desk', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/message-templates': {
        body: [
          template('t1'),
          template('t2', { pipelineId: 'p1', locale: 'ru', origin: 'shipped' }),
          template('t3', { active: false }),
        ],
      },
      'GET /api/departments': { body: [] },
      'GET /api/pipelines': { body: [{ id: 'p1', name: 'Granturi', stages: [] }] },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(TemplatesPage, { pinia: signedIn(['templates.manage']) });
    await settle();
    expect(wrapper.findAll('[data-template]')).toHaveLength(3);
    expect(wrapper.find('[data-template="t2"]').text()).toContain('Granturi');
    expect(wrapper.find('[data-template="t2"]').text()).toContain('Implicit');
    expect(wrapper.find('[data-template="t3"]').text()).toContain('Dezactivat');
    const page = wrapper.findComponent(TemplatesPage).vm.$ as unknown as {
      setupState: { channel: string; scope: string };
    };
    page.setupState.scope = 'pipeline';
    await settle();
    expect(wrapper.findAll('[data-template]').map((w) => w.attributes('data-template'))).toEqual(['t2']);
    page.setupState.channel = 'email';
    await settle();
    expect(calls.filter((c) => c.url.startsWith('/api/message-templates')).map((c) => c.url)).toEqual([
      '/api/message-templates',
      '/api/message-templates?channel=email',
    ]);
    expect(wrapper.find('[data-testid="new-template"]').exists()).toBe(true);
  });

  it('is read-only for a consultant', async () => {
    const { fetch } = fakeFetch({ 'GET /api/message-templates': { body: [] } });
    api.configure({ fetch });
    const { wrapper } = mountDesk(TemplatesPage, { pinia: signedIn([]) });
    await settle();
    expect(wrapper.find('[data-testid="new-template"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('doar marketingul și supervizorii le pot modifica');
    expect(wrapper.text()).toContain('Niciun șablon pentru acești filtri.');
  });
});

describe('TemplatePage', () => {
  it('previews the draft live with SMS segments, inserts merge fields and creates the template', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/message-templates/merge-fields': { body: { fields: mergeFields } },
      'GET /api/departments': { body: [] },
      'GET /api/pipelines': { body: [] },
      'GET /api/instruments': { body: [] },
      'POST /api/message-templates/preview': { body: smsPreview },
      'POST /api/message-templates': (init) => ({ status: 201, body: template('t9', JSON.parse(String(init.body))) }),
    });
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(TemplatePage, {
      props: { id: 'new' },
      pinia: signedIn(['templates.manage']),
    });
    await settle();
    await wrapper.find('#tpl-name').setValue('Revenire după consultație');
    await wrapper.find('#tpl-key').setValue('consultation-follow-up');
    const body = wrapper.find('#tpl-body');
    await body.setValue('Bună, !');
    (body.element as HTMLTextAreaElement).setSelectionRange(6, 6);
    await wrapper.find('[data-path="contact.firstName"]').trigger('click');
    expect((body.element as HTMLTextAreaElement).value).toBe('Bună, {{contact.firstName}}!');
    await wait(450);
    await settle();
    const previews = calls.filter((c) => c.url === '/api/message-templates/preview');
    expect(previews.at(-1)?.body).toEqual({
      draft: { channel: 'sms', format: 'text', locale: 'ro', subject: null, body: 'Bună, {{contact.firstName}}!' },
      gsmSafe: false,
    });
    expect(wrapper.find('[data-testid="sms-info"]').text()).toBe(
      '24 caractere · 1 SMS · UCS-2 · mai rămân 46 în acest SMS',
    );
    expect(wrapper.find('[data-testid="missing-fields"]').text()).toContain('centre.name');
    await wrapper.find('[data-testid="template-form"]').trigger('submit');
    await settle();
    const created = calls.find((c) => c.method === 'POST' && c.url === '/api/message-templates')!;
    expect(created.body).toMatchObject({
      key: 'consultation-follow-up',
      name: 'Revenire după consultație',
      channel: 'sms',
      format: 'text',
      subject: null,
      active: true,
    });
    expect(router.currentRoute.value.fullPath).toBe('/templates/t9');
  });

  it('shows the engine’s refusal next to the field and the issues in the preview', async () => {
    const broken: TemplatePreview = {
      ok: false,
      issues: [
        {
          kind: 'unknown_field',
          severity: 'error',
          part: 'body',
          message: 'Unknown merge field "contact.nickname".',
          line: 1,
          column: 6,
          name: 'contact.nickname',
        },
      ],
    };
    const { fetch } = fakeFetch({
      'GET /api/message-templates/merge-fields': { body: { fields: mergeFields } },
      'GET /api/message-templates/t1': { body: template('t1', { body: 'Bună, {{contact.nickname}}' }) },
      'POST /api/message-templates/preview': { body: broken },
      'PATCH /api/message-templates/t1': {
        status: 400,
        body: {
          error: 'validation_failed',
          message: 'Please correct these fields: body.',
          fields: { body: 'Unknown merge field "contact.nickname" (line 1).' },
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(TemplatePage, { props: { id: 't1' }, pinia: signedIn(['templates.manage']) });
    await settle();
    expect((wrapper.find('#tpl-body').element as HTMLTextAreaElement).value).toBe('Bună, {{contact.nickname}}');
    await wait(450);
    await settle();
    expect(wrapper.find('[data-testid="template-issues"]').text()).toContain(
      'Unknown merge field "contact.nickname". (rândul 1)',
    );
    await wrapper.find('[data-testid="template-form"]').trigger('submit');
    await settle();
    expect(wrapper.find('#tpl-body').attributes('aria-invalid')).toBe('true');
    expect(wrapper.find('#tpl-body').element.parentElement!.textContent).toContain(
      'Unknown merge field "contact.nickname" (line 1).',
    );
  });
});

describe('SendTemplateFromCard', () => {
  const routes = (send: { status?: number; body?: unknown }) => ({
    'GET /api/cards/card-1/message-templates': { body: [template('t1')] },
    'POST /api/message-templates/preview': { body: smsPreview },
    'POST /api/cards/card-1/template-sends': send,
  });

  it('picks the only fitting template, previews it with the card’s data and sends it', async () => {
    const { fetch, calls } = fakeFetch(routes({ status: 202, body: { id: 'm1', status: 'queued' } }));
    api.configure({ fetch });
    const { wrapper } = mountDesk(SendTemplateFromCard, { props: { cardId: 'card-1', contactId: 'c-1' } });
    await wrapper.find('[data-testid="send-template"]').trigger('click');
    await settle();
    expect(calls[0].url).toBe('/api/cards/card-1/message-templates?channel=sms');
    expect(calls[1].body).toEqual({ templateId: 't1', contactId: 'c-1', cardId: 'card-1' });
    expect(document.querySelector('[data-testid="preview-text"]')?.textContent).toBe('Bună, Ion! Vă așteptăm.');
    (document.querySelector('[data-testid="send-template-form"]') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    await settle();
    expect(calls[2]).toMatchObject({
      method: 'POST',
      url: '/api/cards/card-1/template-sends',
      body: { templateId: 't1' },
    });
    expect(wrapper.findComponent(SendTemplateFromCard).emitted('sent')).toHaveLength(1);
    expect(document.body.textContent).toContain('Mesajul a fost pus în coada de trimitere.');
  });

  it('says clearly when the contact has opted out (422) and keeps the dialog open', async () => {
    const refusal = {
      status: 422,
      body: {
        error: 'contact_opted_out',
        message:
          'This contact has opted out of SMS messages; nothing was sent. Record their new consent on the contact first if they asked to hear from you again.',
      },
    };
    const { fetch } = fakeFetch(routes(refusal));
    api.configure({ fetch });
    const { wrapper } = mountDesk(SendTemplateFromCard, { props: { cardId: 'card-1', contactId: 'c-1' } });
    await wrapper.find('[data-testid="send-template"]').trigger('click');
    await settle();
    (document.querySelector('[data-testid="send-template-form"]') as HTMLFormElement).dispatchEvent(
      new Event('submit'),
    );
    await settle();
    const alert = document.querySelector('[data-testid="send-template-error"]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain('Beneficiarul a refuzat aceste mesaje');
    expect(alert.textContent).toContain('Record their new consent on the contact first');
    expect(wrapper.findComponent(SendTemplateFromCard).emitted('sent')).toBeUndefined();
  });

  it('says so when no template fits the card on a channel', async () => {
    const { fetch } = fakeFetch({ 'GET /api/cards/card-1/message-templates': { body: [] } });
    api.configure({ fetch });
    const { wrapper } = mountDesk(SendTemplateFromCard, { props: { cardId: 'card-1', contactId: 'c-1' } });
    await wrapper.find('[data-testid="send-template"]').trigger('click');
    await settle();
    expect(document.querySelector('[data-testid="no-templates"]')?.textContent).toContain('Niciun șablon potrivit');
  });
});
