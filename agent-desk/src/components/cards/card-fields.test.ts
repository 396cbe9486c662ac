import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { ConsultationCard, FieldDefinition, FieldType, Stage } from '@/api/types';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import CardFieldGroups from './CardFieldGroups.vue';
import FieldInput from './FieldInput.vue';
import { requirementHints } from './stage-requirements';

const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};
const stages: Stage[] = [
  { id: 's-new', name: 'Cerere nouă', order: 0, requiredFieldKeys: [] },
  { id: 's-contact', name: 'Contactat', order: 1, requiredFieldKeys: ['employees'] },
  { id: 's-apply', name: 'Aplicare', order: 2, requiredFieldKeys: ['employees', 'budget', 'instruments'] },
  { id: 's-won', name: 'Finanțat', order: 3, kind: 'won', requiredFieldKeys: ['contract'] },
];
const options = [
  { value: 'agro', label: { ro: 'Agricultură' } },
  { value: 'it', label: { ro: 'IT' } },
];
const definitions: FieldDefinition[] = [
  { id: 'd1', key: 'employees', label: { ro: 'Număr angajați' }, type: 'number', groupId: 'g-business', order: 0 },
  { id: 'd2', key: 'sector', label: { ro: 'Sector' }, type: 'select', options, groupId: 'g-business', order: 1 },
  { id: 'd3', key: 'contract', label: { ro: 'Contract' }, type: 'file', groupId: 'g-docs', order: 0 },
  { id: 'd4', key: 'site', label: { ro: 'Site' }, type: 'url', groupId: null, order: 0 },
];
const groups = [
  { id: 'g-docs', name: { ro: 'Documente' }, order: 2 },
  { id: 'g-business', name: { ro: 'Afacerea' }, order: 1 },
];
const card = (over: Partial<ConsultationCard> = {}): ConsultationCard => ({
  id: 'card-1',
  title: 'Grant pentru o seră',
  contactId: 'c1',
  pipelineId: 'p1',
  stageId: 's-contact',
  responsibleUserId: 'u1',
  budget: null,
  programApplied: null,
  instruments: [],
  fields: { employees: 4, sector: 'agro' },
  ...over,
});
const team = [
  { id: 'u1', fullName: 'Ana Consultant', role: 'consultant', departmentId: null },
  { id: 'u2', fullName: 'Ion Supervizor', role: 'supervisor', departmentId: null },
];
const mountFields = (over: Partial<ConsultationCard> = {}) =>
  mountDesk(CardFieldGroups, { props: { card: card(over), stages, team, groups, definitions } });

describe('field controls by type', { timeout: 20_000 }, () => {
  const mountInput = (type: FieldType, value: unknown = null) =>
    mountDesk(FieldInput, { props: { type, value, inputId: `f-${type}`, options } });

  it.each([
    ['text', 'input[type="text"]'],
    ['phone', 'input[type="tel"]'],
    ['email', 'input[type="email"]'],
    ['url', 'input[type="url"]'],
    ['number', '.n-input-number'],
    ['money', '.n-input-number'],
    ['date', '.n-date-picker'],
    ['select', '.n-base-selection'],
    ['multi_select', '.n-base-selection'],
  ] as const)('renders a %s field as its control', async (type, selector) => {
    const { wrapper } = mountInput(type);
    await flush();
    const control = wrapper.find(`[data-type="${type}"]`);
    expect(control.exists()).toBe(true);
    expect(control.element.matches(selector) || control.find(selector).exists()).toBe(true);
  });

  it('shows a money field with MDL and a multi-select as a multiple selection', async () => {
    expect(mountInput('money', 12.5).wrapper.find('[data-type="money"]').text()).toContain('MDL');
    const { wrapper } = mountInput('multi_select', ['agro', 'it']);
    await flush();
    expect(wrapper.find('[data-type="multi_select"]').text()).toContain('Agricultură');
    expect(wrapper.find('[data-type="multi_select"]').text()).toContain('IT');
  });

  it('renders a checkbox list with one checkbox per option', async () => {
    const { wrapper } = mountInput('checkbox_list', ['it']);
    await flush();
    const boxes = wrapper.findAll('[data-type="checkbox_list"] .n-checkbox');
    expect(boxes.map((b) => b.text())).toEqual(['Agricultură', 'IT']);
    expect(boxes[1].classes()).toContain('n-checkbox--checked');
  });

  it('gives null for an emptied text field and { name, url } for a file', async () => {
    const text = mountDesk(FieldInput, { props: { type: 'text', value: 'abc', inputId: 'f-text' } });
    await text.wrapper.find('input').setValue('  ');
    const input = text.wrapper.findComponent(FieldInput);
    expect(input.emitted('update:value')?.at(-1)).toEqual([null]);

    const file = mountDesk(FieldInput, { props: { type: 'file', value: null, inputId: 'f-file' } });
    await file.wrapper.find('input[type="url"]').setValue('https://files.example.md/acte/contract.pdf?v=2');
    expect(file.wrapper.findComponent(FieldInput).emitted('update:value')?.at(-1)).toEqual([
      { name: 'contract.pdf', url: 'https://files.example.md/acte/contract.pdf?v=2' },
    ]);
  });
});

describe('card fields in groups', { timeout: 20_000 }, () => {
  it('shows the core section first, then the configured groups in their order', async () => {
    const { wrapper } = mountFields();
    await flush();
    const titles = wrapper.findAll('.n-collapse-item__header-main').map((h) => h.text());
    expect(titles).toEqual(['Principal', 'Afacerea', 'Documente', 'Alte câmpuri']);
    expect(
      wrapper
        .find('[data-section="main"]')
        .findAll('[data-field]')
        .map((f) => f.attributes('data-field')),
    ).toEqual(['stageId', 'responsibleUserId', 'budget', 'programApplied']);
  });

  it('marks what the current stage requires and what the next stages will', async () => {
    expect(requirementHints(stages, 's-contact')).toEqual({
      employees: { now: true, nextStage: null },
      budget: { now: false, nextStage: stages[2] },
      instruments: { now: false, nextStage: stages[2] },
      contract: { now: false, nextStage: stages[3] },
    });
    const { wrapper } = mountFields();
    await flush();
    const hint = (key: string) => wrapper.find(`[data-field="${key}"] [data-testid="required-hint"]`);
    expect(hint('employees').text()).toBe('Obligatoriu în etapa curentă');
    expect(hint('budget').text()).toBe('Obligatoriu pentru a trece în „Aplicare”');
    expect(hint('contract').text()).toBe('Obligatoriu pentru a trece în „Finanțat”');
    expect(hint('sector').exists()).toBe(false);
    const budgetInput = wrapper.find('#field-budget');
    expect(budgetInput.attributes('aria-describedby')).toContain('field-budget-hint');
  });

  it('saves only what changed with one PATCH', async () => {
    const { fetch, calls } = fakeFetch({ 'PATCH /api/cards/card-1': { body: card({ budget: 150000 }) } });
    api.configure({ fetch });
    const { wrapper } = mountFields();
    await flush();
    await wrapper.find('#field-budget').setValue('150000');
    await wrapper.find('#field-budget').trigger('blur');
    await wrapper.find('#field-site').setValue('https://sera.md');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0].body).toEqual({ budget: 150000, fields: { site: 'https://sera.md' } });
    expect(wrapper.findComponent(CardFieldGroups).emitted('saved')?.[0]).toBeDefined();
  });

  it('shows the server’s 422 and 400 field errors inline at the offending fields', async () => {
    const { fetch } = fakeFetch({
      'PATCH /api/cards/card-1': {
        status: 422,
        body: {
          error: 'required_fields_missing',
          message: 'Fill in budget, instruments before moving the card to stage "Aplicare".',
          fields: {
            budget: 'Required in stage Aplicare',
            instruments: 'Required in stage Aplicare',
            'fields.site': 'Enter a web address starting with http:// or https://.',
          },
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountFields();
    await flush();
    await wrapper.find('#field-site').setValue('sera.md');
    await wrapper.find('form').trigger('submit');
    await settle();
    const error = (key: string) => wrapper.find(`[data-field="${key}"] [data-testid="field-error"]`);
    expect(error('budget').text()).toBe('Required in stage Aplicare');
    expect(error('site').text()).toBe('Enter a web address starting with http:// or https://.');
    expect(wrapper.find('#field-site').attributes('aria-invalid')).toBe('true');
    const failure = wrapper.find('[data-testid="save-failure"]');
    expect(failure.text()).toContain('Aplicare');
    expect(failure.text()).toContain('Instrumente: Required in stage Aplicare');
    await wrapper.find('#field-budget').setValue('10');
    await wrapper.find('#field-budget').trigger('blur');
    expect(error('budget').exists()).toBe(false);
  });

  it('uploads a document into a file field, saves it with the card and shows its server error at the field', async () => {
    const uploaded = {
      id: 'f-9',
      cardId: 'card-1',
      fieldKey: null,
      name: 'Contract semnat.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 1234,
      url: '/api/card-files/f-9',
      uploadedBy: 'u1',
      uploadedAt: '2026-03-01T10:00:00.000Z',
    };
    let refuse = false;
    const { fetch, calls } = fakeFetch({
      'POST /api/cards/card-1/files': () =>
        refuse
          ? {
              status: 400,
              body: { error: 'validation_failed', message: 'Invalid', fields: { file: 'The file is empty.' } },
            }
          : { status: 201, body: uploaded },
      'PATCH /api/cards/card-1': { body: card() },
    });
    api.configure({ fetch });
    const { wrapper } = mountFields();
    await flush();
    const pick = async (name: string) => {
      const picker = wrapper.find('[data-field="contract"] [data-testid="file-picker"]');
      Object.defineProperty(picker.element, 'files', {
        value: [new File(['%PDF-1.7'], name, { type: 'application/pdf' })],
        configurable: true,
      });
      await picker.trigger('change');
      await settle();
    };
    await pick('Contract semnat.pdf');
    const upload = calls.find((c) => c.url === '/api/cards/card-1/files')!;
    expect(upload.method).toBe('POST');
    expect((upload.body as FormData).get('file')).toBeInstanceOf(File);
    const link = wrapper.find('[data-field="contract"] [data-testid="file-link"]');
    expect(link.text()).toBe('Contract semnat.pdf');
    expect(link.attributes('href')).toBe('/api/card-files/f-9');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
      fields: {
        contract: {
          name: 'Contract semnat.pdf',
          url: '/api/card-files/f-9',
          fileId: 'f-9',
          sizeBytes: 1234,
          mimeType: 'application/pdf',
        },
      },
    });
    refuse = true;
    await pick('gol.pdf');
    expect(wrapper.find('[data-field="contract"] [data-testid="file-upload-error"]').text()).toBe('The file is empty.');
  });
});
