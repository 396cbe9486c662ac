import { api } from './api-client';

export type ReportGranularity = 'day' | 'week' | 'month';
export const REPORT_GRANULARITIES: readonly ReportGranularity[] = ['day', 'week', 'month'];
export type ReportName = 'calls' | 'requests' | 'stages' | 'overdue-tasks' | 'cards-without-task' | 'campaigns';
export type ExportFormat = 'csv' | 'xlsx';

/** The dashboards' filters: local days [from, to] (YYYY-MM-DD in the server's TIME_ZONE), one consultant, one pipeline. */
export type ReportFilters = {
  from: string;
  to: string;
  consultantId?: string | null;
  pipelineId?: string | null;
  granularity: ReportGranularity;
};

/** What the server applied: without `reports.view` consultantId is always the caller. */
export type ReportScope = {
  from: string;
  to: string;
  timeZone: string;
  consultantId: string | null;
  pipelineId: string | null;
  granularity: string;
};

export type CallTotals = {
  incoming: number;
  answered: number;
  missed: number;
  missedNotCalledBack: number;
  outgoing: number;
  avgWaitSeconds: number | null;
  avgTalkSeconds: number | null;
};

export type CallsReport = {
  scope: ReportScope;
  totals: CallTotals;
  /** `bucket` is the first local day of the day / week (Monday) / month. */
  series: Array<{ bucket: string } & CallTotals>;
  byConsultant: Array<{ consultantId: string | null; consultantName: string | null } & CallTotals>;
};

export type RequestsReport = {
  scope: ReportScope;
  /** `conversations` is null with a pipeline filter (conversations have no pipeline). */
  totals: { cards: number; conversations: number | null };
  byChannel: Array<{ channel: string; cards: number; conversations: number }>;
  byUtmSource: Array<{ utmSource: string | null; cards: number }>;
  series: Array<{ bucket: string; cards: number; conversations: number }>;
};

export type StageRow = {
  pipelineId: string;
  pipelineName: string;
  stageId: string;
  stageName: string;
  stageKind: string;
  cards: number;
  entered: number;
  conversionToNext: number | null;
};
export type StagesReport = { scope: ReportScope; stages: StageRow[] };

export type OverdueTasksReport = {
  scope: ReportScope & { at: string };
  total: number;
  byConsultant: Array<{
    consultantId: string | null;
    consultantName: string | null;
    overdue: number;
    oldestDueAt: string | null;
  }>;
};

export type CardsWithoutTaskReport = {
  scope: ReportScope;
  total: number;
  byConsultant: Array<{
    consultantId: string | null;
    consultantName: string | null;
    pipelineId: string;
    pipelineName: string;
    cards: number;
    oldestStageEnteredAt: string | null;
  }>;
};

export type CampaignResult = {
  source: string;
  campaignId: string;
  name: string;
  subject: string | null;
  sentAt: string | null;
  recipients: number;
  uniqueOpens: number;
  openRate: number;
  uniqueClicks: number;
  clickRate: number;
  unsubscribed: number;
  bounced: number;
};
export type CampaignsReport = { scope: ReportScope; campaigns: CampaignResult[] };

function reportQuery(filters: ReportFilters) {
  return {
    from: filters.from,
    to: filters.to,
    consultantId: filters.consultantId ?? undefined,
    pipelineId: filters.pipelineId ?? undefined,
    granularity: filters.granularity,
  };
}

const get = <T>(name: ReportName, filters: ReportFilters, signal?: AbortSignal) =>
  api.get<T>(`/reports/${name}`, { query: reportQuery(filters), signal });

/** The supervision dashboards (`/api/reports/*`). Everyone may call them; without `reports.view` one sees one's own numbers. */
export const reportsApi = {
  calls: (filters: ReportFilters, signal?: AbortSignal) => get<CallsReport>('calls', filters, signal),
  requests: (filters: ReportFilters, signal?: AbortSignal) => get<RequestsReport>('requests', filters, signal),
  stages: (filters: ReportFilters, signal?: AbortSignal) => get<StagesReport>('stages', filters, signal),
  overdueTasks: (filters: ReportFilters, signal?: AbortSignal) =>
    get<OverdueTasksReport>('overdue-tasks', filters, signal),
  cardsWithoutTask: (filters: ReportFilters, signal?: AbortSignal) =>
    get<CardsWithoutTaskReport>('cards-without-task', filters, signal),
  /** Needs `reports.view` (403 otherwise): campaign results are not a consultant's own numbers. */
  campaigns: (filters: ReportFilters, signal?: AbortSignal) => get<CampaignsReport>('campaigns', filters, signal),
  /** A same-origin link: the session cookie authenticates the download, the server names the file. */
  exportUrl(name: ReportName, filters: ReportFilters, format: ExportFormat): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...reportQuery(filters), format }))
      if (value) params.set(key, String(value));
    return `/api/reports/${name}/export?${params.toString()}`;
  },
};
