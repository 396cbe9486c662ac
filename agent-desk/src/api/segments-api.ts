import { api, asList, orFallback } from './api-client';

/** One condition of a saved segment's filter, as the server's registered predicates accept it. */
export type SegmentCondition =
  | { field: 'cardStage'; stageIds: string[]; status?: 'active' | 'closed' }
  | { field: 'cardPipeline'; pipelineIds: string[]; status?: 'active' | 'closed' }
  | { field: 'cardResponsible'; userIds: string[]; status?: 'active' | 'closed' }
  | { field: 'instrument'; codes: string[]; match?: 'any' | 'all'; status?: 'active' | 'closed' }
  | { field: 'tags'; op: 'hasAny' | 'hasAll' | 'hasNone'; value: string[] }
  | ({ field: 'group' } & SegmentFilterDefinition);
export type SegmentFilterDefinition = { match: 'all' | 'any'; conditions: SegmentCondition[] };
export type SavedSegment = { id: string; name: string; description?: string | null; filter?: SegmentFilterDefinition };
export type NewSegment = { name: string; description?: string | null; filter: SegmentFilterDefinition };

/** Saved segments (`/api/segments`): named filters over contacts, shared with campaigns. */
export const segmentsApi = {
  async list(): Promise<SavedSegment[]> {
    const list = asList<SavedSegment>(await orFallback(api.get<unknown>('/segments'), []));
    return list.sort((a, b) => a.name.localeCompare(b.name));
  },
  /** 400 with `fields` (`name`, `filter.conditions.N…`); 409 when the name is taken. */
  create(input: NewSegment): Promise<SavedSegment> {
    return api.post<SavedSegment>('/segments', input);
  },
};
