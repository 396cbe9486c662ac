import { computed, reactive, ref, shallowRef, watch } from 'vue';
import { ApiError } from '@/api/api-error';
import {
  reportsApi,
  type CallsReport,
  type CampaignsReport,
  type CardsWithoutTaskReport,
  type OverdueTasksReport,
  type ReportFilters,
  type ReportGranularity,
  type RequestsReport,
  type StagesReport,
} from '@/api/reports-api';
import { customPeriod, presetPeriod, suggestedGranularity, type Period, type PeriodPreset } from './dashboard-period';

type Reports = {
  calls: CallsReport | null;
  requests: RequestsReport | null;
  stages: StagesReport | null;
  overdueTasks: OverdueTasksReport | null;
  cardsWithoutTask: CardsWithoutTaskReport | null;
  campaigns: CampaignsReport | null;
};
type ReportKey = keyof Reports;
const KEYS: ReportKey[] = ['calls', 'requests', 'stages', 'overdueTasks', 'cardsWithoutTask', 'campaigns'];

export type DashboardFilterState = {
  preset: PeriodPreset;
  /** The date picker's [start, end] for `custom`. */
  customRange: [number, number] | null;
  consultantId: string | null;
  pipelineId: string | null;
  granularity: ReportGranularity;
};

/**
 * The dashboards' state: filters → one request per report, all in parallel; a newer filter aborts older requests.
 * Each report keeps its own error, so one refused report (campaigns need `reports.view`) leaves the others drawn.
 */
export function useDashboards(options: { canViewAll: () => boolean; now?: () => Date }) {
  const now = options.now ?? (() => new Date());
  const filters = reactive<DashboardFilterState>({
    preset: 'month',
    customRange: null,
    consultantId: null,
    pipelineId: null,
    granularity: 'day',
  });
  const reports = shallowRef<Reports>({
    calls: null,
    requests: null,
    stages: null,
    overdueTasks: null,
    cardsWithoutTask: null,
    campaigns: null,
  });
  const errors = shallowRef<Partial<Record<ReportKey, unknown>>>({});
  const loading = ref(false);
  let controller: AbortController | null = null;

  const period = computed<Period | null>(() =>
    filters.preset === 'custom' ? customPeriod(filters.customRange) : presetPeriod(filters.preset, now()),
  );

  /** What the server is asked: without `reports.view` no consultant filter is sent (the server scopes to oneself). */
  const query = computed<ReportFilters | null>(() => {
    if (!period.value) return null;
    return {
      ...period.value,
      consultantId: options.canViewAll() ? filters.consultantId : null,
      pipelineId: filters.pipelineId,
      granularity: filters.granularity,
    };
  });

  async function load(): Promise<void> {
    const q = query.value;
    if (!q) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    loading.value = true;
    const keys = KEYS.filter((key) => key !== 'campaigns' || options.canViewAll());
    const settled = await Promise.allSettled(keys.map((key) => reportsApi[key](q, current.signal)));
    if (current.signal.aborted) return;
    const next: Reports = {
      calls: null,
      requests: null,
      stages: null,
      overdueTasks: null,
      cardsWithoutTask: null,
      campaigns: null,
    };
    const nextErrors: Partial<Record<ReportKey, unknown>> = {};
    settled.forEach((result, i) => {
      if (result.status === 'fulfilled') (next as Record<ReportKey, unknown>)[keys[i]] = result.value;
      else if (!(result.reason instanceof ApiError && result.reason.isMissingRoute))
        nextErrors[keys[i]] = result.reason;
    });
    reports.value = next;
    errors.value = nextErrors;
    loading.value = false;
  }

  /** Picking a preset period also picks the granularity that reads well for it. */
  watch(
    () => [filters.preset, filters.customRange] as const,
    () => {
      if (period.value) filters.granularity = filters.preset === 'today' ? 'day' : suggestedGranularity(period.value);
    },
  );
  watch(query, () => void load(), { deep: true });

  const firstError = computed(() => KEYS.map((key) => errors.value[key]).find((e) => e !== undefined) ?? null);
  return { filters, period, query, reports, errors, firstError, loading, load };
}
