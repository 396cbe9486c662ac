import { describe, expect, it, vi } from 'vitest';
import { api } from '@/api/api-client';
import type { MessageTemplate } from '@/api/templates-api';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import ReplyComposer from './ReplyComposer.vue';

const template = (id: string, over: Partial<MessageTemplate>): MessageTemplate => ({
  id,
  key: `tpl-${id}`,
  name: `Șablon ${id}`,
  channel: 'messenger',
  format: 'text',
  locale: 'ro',
  subject: null,
  body: 'Bună, {{contact.firstName}}!',
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
const settle = async () => {
  for (let i = 0; i < 6; i++) await flush();
};
const typeInto = async (selector: string, value: string) => {
  const input = document.querySelector(selector) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await settle();
};
const key = async (selector: string, key: string) => {
  document.querySelector(selector)!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  await settle();
};
const optionNames = () =>
  [...document.querySelectorAll('[data-testid="template-picker"] [role="option"] strong')].map((o) => o.textContent);

/** Mounting Naive UI in happy-dom takes seconds on a loaded machine. */
const SLOW = { timeout: 60_000 };

describe('reply templates in the composer', () => {
  it(
    'lists the channel’s templates, filters them as one types and inserts the chosen one filled in at the caret',
    SLOW,
    async () => {
      const { fetch, calls } = fakeFetch({
        'GET /api/message-templates': {
          body: [
            template('t2', { name: 'Lista de acte', body: 'Vă trimit dosarul: {{consultation.title}}' }),
            template('t1', { name: 'Salut', body: 'Bună ziua, {{contact.firstName}}!' }),
            template('t3', { name: 'Programare', body: 'Vă așteptăm la consultație.' }),
          ],
        },
        'POST /api/message-templates/preview': (init) => {
          const request = JSON.parse(String(init.body));
          return {
            body: {
              ok: true,
              issues: [],
              text: request.templateId === 't3' ? 'Vă așteptăm luni, Ion.' : 'Bună ziua, Ion!',
              missingFields: [],
            },
          };
        },
      });
      api.configure({ fetch });
      const send = vi.fn().mockResolvedValue({});
      const { wrapper } = mountDesk(ReplyComposer, {
        props: { upload: vi.fn(), send, templateTarget: { channel: 'telegram', contactId: 'c1', cardId: null } },
      });
      await wrapper.find('#reply-text').setValue('Salut. ');
      (wrapper.find('#reply-text').element as HTMLTextAreaElement).setSelectionRange(7, 7);

      await wrapper.find('[data-testid="reply-templates"]').trigger('click');
      await settle();
      expect(calls.find((c) => c.url.startsWith('/api/message-templates'))?.url).toBe(
        '/api/message-templates?channel=messenger&active=true',
      );
      expect(optionNames()).toEqual(['Lista de acte', 'Programare', 'Salut']);
      expect(document.activeElement?.id).toBe('reply-template-search');

      // Diacritics and case do not matter; the body is searched too.
      await typeInto('#reply-template-search', 'CONSULTATIE');
      expect(optionNames()).toEqual(['Programare']);
      await typeInto('#reply-template-search', 'zzz');
      expect(document.body.textContent).toContain('Niciun șablon nu se potrivește căutării.');
      await typeInto('#reply-template-search', '');
      await key('#reply-template-search', 'ArrowDown');
      expect(document.querySelector('[role="option"][aria-selected="true"] strong')?.textContent).toBe('Programare');
      await key('#reply-template-search', 'Enter');

      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ templateId: 't3', contactId: 'c1' });
      expect((wrapper.find('#reply-text').element as HTMLTextAreaElement).value).toBe('Salut. Vă așteptăm luni, Ion.');
      expect(send).not.toHaveBeenCalled();
      await wrapper.find('[data-testid="reply-composer"]').trigger('submit');
      await settle();
      expect(send).toHaveBeenCalledWith({ text: 'Salut. Vă așteptăm luni, Ion.' });
    },
  );

  it(
    'uses the card’s templates for an e-mail conversation and says which merge fields had no value',
    SLOW,
    async () => {
      const { fetch, calls } = fakeFetch({
        'GET /api/cards/k1/message-templates': {
          body: [template('t9', { name: 'Ofertă', channel: 'email', subject: 'Ofertă' })],
        },
        'POST /api/message-templates/preview': {
          body: { ok: true, issues: [], text: 'Bună, !', missingFields: ['contact.firstName'] },
        },
      });
      api.configure({ fetch });
      const { wrapper } = mountDesk(ReplyComposer, {
        props: { upload: vi.fn(), send: vi.fn(), templateTarget: { channel: 'email', contactId: 'c1', cardId: 'k1' } },
      });
      await wrapper.find('[data-testid="reply-templates"]').trigger('click');
      await settle();
      expect(calls[0].url).toBe('/api/cards/k1/message-templates?channel=email');
      (document.querySelector('[data-template="t9"]') as HTMLElement).click();
      await settle();
      expect(calls[1].body).toEqual({ templateId: 't9', contactId: 'c1', cardId: 'k1' });
      expect((wrapper.find('#reply-text').element as HTMLTextAreaElement).value).toBe('Bună, !');
      expect(wrapper.find('[data-testid="template-notice"]').text()).toContain('contact.firstName');
    },
  );

  it('keeps the text and shows why when the template does not render', SLOW, async () => {
    const { fetch } = fakeFetch({
      'GET /api/message-templates': { body: [template('t1', {})] },
      'POST /api/message-templates/preview': {
        body: { ok: false, issues: [{ kind: 'syntax', severity: 'error', part: 'body', message: 'Unclosed tag' }] },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(ReplyComposer, {
      props: { upload: vi.fn(), send: vi.fn(), templateTarget: { channel: 'viber', contactId: 'c1', cardId: null } },
    });
    await wrapper.find('[data-testid="reply-templates"]').trigger('click');
    await settle();
    await key('#reply-template-search', 'Enter');
    expect(document.body.textContent).toContain('Șablonul nu poate fi folosit: Unclosed tag');
    expect((wrapper.find('#reply-text').element as HTMLTextAreaElement).value).toBe('');
  });
});
