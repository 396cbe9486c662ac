import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { CardPageQuery } from '@/api/pipelines-api';
import type { SavedSegment, SegmentCondition, SegmentFilterDefinition } from '@/api/segments-api';

/** The list view's filters; each one is a URL query parameter of the pipelines page (`?view=list&stage=…`). */
export type CardListFilters = {
  stageId: string | null;
  responsibleUserId: string | null;
  instrument: string | null;
  tag: string | null;
  q: string;
  segmentId: string | null;
  page: number;
};
export const PAGE_SIZE = 25;
export const emptyFilters = (): CardListFilters => ({
  stageId: null,
  responsibleUserId: null,
  instrument: null,
  tag: null,
  q: '',
  segmentId: null,
  page: 1,
});

const QUERY_NAMES = {
  stageId: 'stage',
  responsibleUserId: 'responsible',
  instrument: 'instrument',
  tag: 'tag',
  q: 'q',
  segmentId: 'segment',
} as const;
type TextFilter = keyof typeof QUERY_NAMES;
const first = (value: LocationQuery[string]) => (Array.isArray(value) ? value[0] : value) ?? null;

export function filtersFromQuery(query: LocationQuery): CardListFilters {
  const filters = emptyFilters();
  for (const [key, name] of Object.entries(QUERY_NAMES) as [TextFilter, string][]) {
    const value = first(query[name])?.trim() || null;
    if (key === 'q') filters.q = value ?? '';
    else filters[key] = value;
  }
  const page = Number(first(query.page));
  filters.page = Number.isInteger(page) && page > 1 ? page : 1;
  return filters;
}

/** The filters as URL query parameters (empty ones left out, page 1 implied), merged over the page's own (`view`). */
export function filtersToQuery(filters: CardListFilters, base: LocationQuery = {}): LocationQueryRaw {
  const query: LocationQueryRaw = { ...base };
  for (const [key, name] of Object.entries(QUERY_NAMES) as [TextFilter, string][]) {
    const value = filters[key]?.trim();
    if (value) query[name] = value;
    else delete query[name];
  }
  if (filters.page > 1) query.page = String(filters.page);
  else delete query.page;
  return query;
}

export function filtersAreEmpty(filters: CardListFilters): boolean {
  return (Object.keys(QUERY_NAMES) as TextFilter[]).every((k) => !filters[k]?.trim());
}

/** What GET /api/cards gets for one page of the list. */
export function pageRequest(pipelineId: string, filters: CardListFilters): CardPageQuery {
  const query: CardPageQuery = { pipelineId, limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE };
  if (filters.stageId) query.stageId = filters.stageId;
  if (filters.responsibleUserId) query.responsibleUserId = filters.responsibleUserId;
  if (filters.instrument) query.instrument = filters.instrument;
  if (filters.tag) query.tag = filters.tag;
  if (filters.segmentId) query.segmentId = filters.segmentId;
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}

/**
 * The filters as a saved segment's definition (segments select contacts): "has a card in this stage (or pipeline)",
 * "… whose responsible is", "… consulted on the instrument", "is tagged"; a chosen segment is nested as a group.
 * The text search has no segment counterpart and is left out (the dialog says so).
 */
export function segmentDefinition(
  pipelineId: string,
  filters: CardListFilters,
  chosen?: SavedSegment | null,
): SegmentFilterDefinition {
  const conditions: SegmentCondition[] = [];
  conditions.push(
    filters.stageId
      ? { field: 'cardStage', stageIds: [filters.stageId] }
      : { field: 'cardPipeline', pipelineIds: [pipelineId] },
  );
  if (filters.responsibleUserId) conditions.push({ field: 'cardResponsible', userIds: [filters.responsibleUserId] });
  if (filters.instrument) conditions.push({ field: 'instrument', codes: [filters.instrument] });
  if (filters.tag) conditions.push({ field: 'tags', op: 'hasAny', value: [filters.tag] });
  if (chosen?.filter) conditions.push({ field: 'group', ...chosen.filter });
  return { match: 'all', conditions };
}
