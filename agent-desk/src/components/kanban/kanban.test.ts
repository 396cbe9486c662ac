import { describe, expect, it, vi } from 'vitest';
import { ref } from 'vue';
import { api } from '@/api/api-client';
import type { ConsultationCard, Stage } from '@/api/types';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import PipelinesPage from '@/pages/PipelinesPage.vue';
import KanbanBoard from './KanbanBoard.vue';
import { useKanbanMove } from './use-kanban-move';

const stages: Stage[] = [
  { id: 's-new', name: 'Cerere nouă', order: 0, color: '#2563eb', requiredFieldKeys: [] },
  { id: 's-apply', name: 'Aplicare', order: 1, color: '#16a34a', requiredFieldKeys: ['budget', 'business_idea'] },
];
const card = (): ConsultationCard => ({
  id: 'card-1',
  title: 'Grant Start pentru Tineri',
  contactId: 'c1',
  pipelineId: 'p1',
  stageId: 's-new',
  instruments: [],
});
const refused = {
  status: 422,
  body: {
    error: 'required_fields_missing',
    message: 'Fill in budget, business_idea before moving the card to stage "Aplicare".',
    fields: { budget: 'Required in stage Aplicare', business_idea: 'Required in stage Aplicare' },
  },
};

describe('kanban moves', () => {
  it('puts a refused card back and keeps the 422 fields for it', async () => {
    const { fetch, calls } = fakeFetch({ 'POST /api/cards/card-1/move': refused });
    api.configure({ fetch });
    const cards = ref([card()]);
    const { move, refusals } = useKanbanMove(cards);
    await expect(move('card-1', 's-apply')).resolves.toBe(false);
    expect(calls[0].body).toEqual({ stageId: 's-apply' });
    expect(cards.value[0].stageId).toBe('s-new');
    expect(refusals.value['card-1']).toEqual({
      stageId: 's-apply',
      message: refused.body.message,
      fields: refused.body.fields,
    });
  });

  it('shows the server’s missing fields inline on the card, with labels', async () => {
    const { fetch } = fakeFetch({ 'POST /api/cards/card-1/move': refused });
    api.configure({ fetch });
    const cards = ref([card()]);
    const kanban = useKanbanMove(cards);
    await kanban.move('card-1', 's-apply');
    const labels: Record<string, string> = { budget: 'Buget (MDL)', business_idea: 'Ideea de afacere' };
    const { wrapper } = mountDesk(KanbanBoard, {
      props: {
        stages,
        cards: cards.value,
        refusals: kanban.refusals.value,
        pending: {},
        fieldLabel: (k: string) => labels[k] ?? k,
      },
    });
    await flush();
    const newColumn = wrapper.find('[data-stage-id="s-new"]');
    const refusal = newColumn.find('[data-testid="move-refusal"]');
    expect(refusal.exists()).toBe(true);
    expect(refusal.attributes('role')).toBe('alert');
    expect(refusal.text()).toContain('Completați câmpurile obligatorii pentru etapa „Aplicare”');
    expect(refusal.find('[data-field="budget"]').text()).toBe('Buget (MDL): Required in stage Aplicare');
    expect(refusal.find('[data-field="business_idea"]').text()).toContain('Ideea de afacere');
    expect(wrapper.find('[data-stage-id="s-apply"]').findAll('[data-testid="kanban-card"]')).toHaveLength(0);
  });

  it('moves the card on success and clears an earlier refusal', async () => {
    const { fetch } = fakeFetch({
      'POST /api/cards/card-1/move': (init) => {
        const body = JSON.parse(String(init.body));
        return body.fields ? { body: { ...card(), stageId: 's-apply', fields: body.fields } } : refused;
      },
    });
    api.configure({ fetch });
    const cards = ref([card()]);
    const kanban = useKanbanMove(cards);
    await kanban.move('card-1', 's-apply');
    expect(kanban.refusals.value['card-1']).toBeDefined();
    await expect(kanban.move('card-1', 's-apply', { business_idea: 'Seră de legume' })).resolves.toBe(true);
    expect(cards.value[0].stageId).toBe('s-apply');
    expect(kanban.refusals.value['card-1']).toBeUndefined();
  });

  it('moves a dropped card through the column drop handler', async () => {
    const { wrapper } = mountDesk(KanbanBoard, {
      props: { stages, cards: [card()], refusals: {}, pending: {}, fieldLabel: (k: string) => k },
    });
    const board = wrapper.findComponent(KanbanBoard);
    const data = new Map<string, string>([['text/x-card-id', 'card-1']]);
    await wrapper
      .find('[data-stage-id="s-apply"]')
      .trigger('drop', { dataTransfer: { getData: (t: string) => data.get(t) ?? '' } });
    expect(board.emitted('move')?.[0]).toEqual(['card-1', 's-apply']);
  });
});

describe('kanban contacts', { timeout: 20_000 }, () => {
  const settle = async () => {
    for (let i = 0; i < 8; i++) await flush();
  };

  it('shows each card’s contact name and phone from the one cards request', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/pipelines': { body: [{ id: 'p1', name: 'Reclame', stages }] },
      'GET /api/instruments': { body: [] },
      'GET /api/field-definitions': { body: [] },
      'GET /api/cards': {
        body: {
          items: [
            { ...card(), contactName: 'Ion Rotaru', contactPhone: '+37369123456' },
            { ...card(), id: 'card-2', contactId: 'c2', contactName: 'Ana Ceban', contactPhone: null },
          ],
          total: 2,
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(PipelinesPage, { props: {} });
    await settle();
    const contacts = wrapper.findAll('[data-testid="kanban-contact"]');
    expect(contacts.map((c) => c.text())).toEqual(['Ion Rotaru+37369123456', 'Ana Ceban']);
    expect(contacts[0].find('a').attributes('href')).toBe('tel:+37369123456');
    expect(calls.filter((c) => c.url.startsWith('/api/cards'))).toHaveLength(1);
    expect(calls.some((c) => c.url.startsWith('/api/contacts'))).toBe(false);
  });

  it('switches to the list view through the URL and back', async () => {
    const { fetch } = fakeFetch({
      'GET /api/pipelines': { body: [{ id: 'p1', name: 'Reclame', stages }] },
      'GET /api/cards': { body: { items: [card()], total: 1 } },
    });
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(PipelinesPage, { props: {} });
    await router.replace('/pipelines');
    await settle();
    expect(wrapper.find('[data-testid="kanban-board"]').exists()).toBe(true);
    await wrapper.find('[data-view="list"] input').setValue(true);
    await settle();
    expect(router.currentRoute.value.query).toEqual({ view: 'list' });
    await vi.waitFor(() => expect(wrapper.find('[data-testid="card-list-view"]').exists()).toBe(true), {
      timeout: 15_000,
    });
    expect(wrapper.find('[data-testid="kanban-board"]').exists()).toBe(false);
    await wrapper.find('[data-view="board"] input').setValue(true);
    await settle();
    expect(router.currentRoute.value.query).toEqual({});
    expect(wrapper.find('[data-testid="kanban-board"]').exists()).toBe(true);
  });
});
