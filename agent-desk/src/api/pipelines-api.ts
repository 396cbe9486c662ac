import { api, asList, orFallback } from './api-client';
import type { ConsultationCard, FieldDefinition, FieldGroup, Instrument, Pipeline, TimelinePage } from './types';

export const pipelinesApi = {
  async list(): Promise<Pipeline[]> {
    const pipelines = asList<Pipeline>(await orFallback(api.get<unknown>('/pipelines'), []));
    return pipelines
      .filter((p) => p.active !== false)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((p) => ({ ...p, stages: [...(p.stages ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)) }));
  },
  async instruments(): Promise<Instrument[]> {
    const list = asList<Instrument>(await orFallback(api.get<unknown>('/instruments'), []));
    return list.filter((i) => i.active !== false).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  },
  async fieldGroups(): Promise<FieldGroup[]> {
    return asList<FieldGroup>(await orFallback(api.get<unknown>('/field-groups'), [])).sort(
      (a, b) => (a.order ?? 0) - (b.order ?? 0),
    );
  },
  async fieldDefinitions(pipelineId?: string): Promise<FieldDefinition[]> {
    const list = asList<FieldDefinition>(
      await orFallback(api.get<unknown>('/field-definitions', { query: { pipelineId } }), []),
    );
    return list.filter((d) => d.active !== false).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  },
};

/** The list view's query (GET /api/cards): every filter is optional. */
export type CardPageQuery = {
  pipelineId?: string;
  stageId?: string;
  responsibleUserId?: string;
  instrument?: string;
  tag?: string;
  segmentId?: string;
  q?: string;
  limit: number;
  offset: number;
};

export const cardsApi = {
  async list(query: {
    pipelineId?: string;
    contactId?: string;
    status?: 'active' | 'closed';
  }): Promise<ConsultationCard[]> {
    return asList<ConsultationCard>(
      await orFallback(api.get<unknown>('/cards', { query: { ...query, limit: 200 } }), []),
    );
  },
  /** One page of the list view: the server filters, counts and adds each card's contact and next open task. */
  async page(query: CardPageQuery, signal?: AbortSignal): Promise<{ items: ConsultationCard[]; total: number }> {
    const page = await api.get<{ items?: ConsultationCard[]; total?: number }>('/cards', { query, signal });
    return { items: page.items ?? [], total: page.total ?? 0 };
  },
  get(id: string): Promise<ConsultationCard> {
    return api.get<ConsultationCard>(`/cards/${encodeURIComponent(id)}`);
  },
  /** A `stageId` in the patch moves the card too; 422 `required_fields_missing` names what the stage needs. */
  update(
    id: string,
    patch: Partial<
      Pick<ConsultationCard, 'title' | 'fields' | 'responsibleUserId' | 'budget' | 'programApplied' | 'stageId'>
    >,
  ): Promise<ConsultationCard> {
    return api.patch<ConsultationCard>(`/cards/${encodeURIComponent(id)}`, patch);
  },
  /** Moves a card to a stage (optionally filling fields at once); 422 `required_fields_missing` lists what is missing. */
  moveToStage(id: string, stageId: string, fields?: Record<string, unknown>): Promise<ConsultationCard> {
    return api.post<ConsultationCard>(
      `/cards/${encodeURIComponent(id)}/move`,
      fields ? { stageId, fields } : { stageId },
    );
  },
  setInstrument(id: string, code: string, ticked: boolean): Promise<ConsultationCard> {
    const path = `/cards/${encodeURIComponent(id)}/instruments/${encodeURIComponent(code)}`;
    return ticked ? api.put<ConsultationCard>(path) : api.delete<ConsultationCard>(path);
  },
  addNote(id: string, body: string): Promise<unknown> {
    return api.post(`/cards/${encodeURIComponent(id)}/notes`, { body });
  },
  async withoutOpenTask(): Promise<ConsultationCard[]> {
    return asList<ConsultationCard>(await orFallback(api.get<unknown>('/cards/without-open-task'), []));
  },
  async timeline(id: string, cursor: string | null): Promise<TimelinePage> {
    const page = await orFallback(
      api.get<TimelinePage>(`/cards/${encodeURIComponent(id)}/timeline`, { query: { cursor, limit: 30 } }),
      { items: [], nextCursor: null },
    );
    return { items: page.items ?? [], nextCursor: page.nextCursor ?? null };
  },
};
