import { Inject, Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CampaignResultsQuery, type CampaignResult } from './campaign-results.query.js';
import {
  CALLS_FACT,
  CONVERSATIONS_FACT,
  REQUESTS_FACT,
  STAGE_ENTRIES_FACT,
  type FactDefinition,
  type FactFilter,
} from './report-facts.js';
import { LiveStateRepository, type CardsPage } from './live-state.repository.js';
import type { ReportQuery } from './reports.dto.js';
import { ReportsRepository, type FactQuery, type FactRow } from './reports.repository.js';

export type CallTotals = {
  incoming: number;
  answered: number;
  missed: number;
  missedNotCalledBack: number;
  outgoing: number;
  avgWaitSeconds: number | null;
  avgTalkSeconds: number | null;
};
export type ReportScope = {
  from: string;
  to: string;
  timeZone: string;
  consultantId: string | null;
  pipelineId: string | null;
  granularity: string;
};

/** The supervision dashboards: who may see what, and the numbers in the shapes the desk draws. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: ReportsRepository,
    private readonly liveState: LiveStateRepository,
    private readonly campaignResults: CampaignResultsQuery,
  ) {}

  /**
   * A user with `reports.view` (supervisors, admins, marketers) sees everyone and may filter by consultant; anyone
   * else sees only their own numbers, and asking for a colleague's is refused.
   */
  scope(query: ReportQuery, user: AuthenticatedUser): ReportScope {
    let consultantId = query.consultantId ?? null;
    if (!user.permissions.includes('reports.view')) {
      if (consultantId && consultantId !== user.id)
        throw ApiError.forbidden('You can see only your own numbers; ask a supervisor for a colleague’s.');
      consultantId = user.id;
    }
    return {
      from: query.from,
      to: query.to,
      timeZone: this.config.locale.timeZone,
      consultantId,
      pipelineId: query.pipelineId ?? null,
      granularity: query.granularity,
    };
  }

  async calls(scope: ReportScope) {
    const [total] = await this.fact(CALLS_FACT, scope, []);
    const series = await this.fact(CALLS_FACT, scope, [], true);
    const perConsultant = await this.fact(CALLS_FACT, scope, ['consultant_id']);
    const names = await this.repository.userNames(
      perConsultant.flatMap((r) => (r.consultant_id ? [String(r.consultant_id)] : [])),
    );
    return {
      scope,
      totals: callTotals(total),
      series: series.map((r) => ({ bucket: String(r.bucket), ...callTotals(r) })),
      byConsultant: perConsultant.map((r) => ({
        consultantId: (r.consultant_id as string | null) ?? null,
        consultantName: r.consultant_id ? (names.get(String(r.consultant_id)) ?? null) : null,
        ...callTotals(r),
      })),
    };
  }

  async requests(scope: ReportScope) {
    const byChannelCards = await this.fact(REQUESTS_FACT, scope, ['channel']);
    const byUtm = await this.fact(REQUESTS_FACT, scope, ['utm_source']);
    const cardSeries = await this.fact(REQUESTS_FACT, scope, [], true);
    // Conversations have no pipeline: with a pipeline filter only cards are counted.
    const conversationsFiltered = scope.pipelineId === null;
    const byChannelConversations = conversationsFiltered ? await this.fact(CONVERSATIONS_FACT, scope, ['channel']) : [];
    const conversationSeries = conversationsFiltered ? await this.fact(CONVERSATIONS_FACT, scope, [], true) : [];
    const channels = new Map<string, { channel: string; cards: number; conversations: number }>();
    const channelRow = (channel: string) =>
      channels.get(channel) ?? channels.set(channel, { channel, cards: 0, conversations: 0 }).get(channel)!;
    for (const r of byChannelCards) channelRow(String(r.channel)).cards = Number(r.cards);
    for (const r of byChannelConversations) channelRow(String(r.channel)).conversations = Number(r.conversations);
    const buckets = new Map<string, { bucket: string; cards: number; conversations: number }>();
    const bucketRow = (bucket: string) =>
      buckets.get(bucket) ?? buckets.set(bucket, { bucket, cards: 0, conversations: 0 }).get(bucket)!;
    for (const r of cardSeries) bucketRow(String(r.bucket)).cards = Number(r.cards);
    for (const r of conversationSeries) bucketRow(String(r.bucket)).conversations = Number(r.conversations);
    const byChannel = [...channels.values()].sort(
      (a, b) => b.cards + b.conversations - (a.cards + a.conversations) || a.channel.localeCompare(b.channel),
    );
    return {
      scope,
      totals: {
        cards: sum(byChannel, 'cards'),
        conversations: conversationsFiltered ? sum(byChannel, 'conversations') : null,
      },
      byChannel,
      byUtmSource: byUtm
        .map((r) => ({ utmSource: String(r.utm_source) || null, cards: Number(r.cards) }))
        .sort((a, b) => b.cards - a.cards || String(a.utmSource).localeCompare(String(b.utmSource))),
      series: [...buckets.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
    };
  }

  /** Cards now in each stage, cards that entered it during the period, and conversion to the next stage. */
  async stages(scope: ReportScope) {
    const filter = this.filterOf(scope);
    const current = await this.liveState.cardsByStage(filter);
    const entries = new Map(
      (await this.fact(STAGE_ENTRIES_FACT, scope, ['stage_id'])).map((r) => [String(r.stage_id), Number(r.entries)]),
    );
    const stages = current.map((s) => ({
      pipelineId: String(s.pipeline_id),
      pipelineName: String(s.pipeline_name),
      stageId: String(s.stage_id),
      stageName: String(s.stage_name),
      stageKind: String(s.stage_kind),
      cards: Number(s.cards),
      entered: entries.get(String(s.stage_id)) ?? 0,
      conversionToNext: null as number | null,
    }));
    stages.forEach((stage, i) => {
      const next = stages[i + 1];
      if (next && next.pipelineId === stage.pipelineId && stage.entered > 0)
        stage.conversionToNext = round(next.entered / stage.entered, 4);
    });
    return { scope, stages };
  }

  async overdueTasks(scope: ReportScope, now = new Date()) {
    const rows = await this.liveState.overdueTasks(this.filterOf(scope), now);
    const byConsultant = rows.map((r) => ({
      consultantId: (r.consultant_id as string | null) ?? null,
      consultantName: (r.consultant_name as string | null) ?? null,
      overdue: Number(r.overdue),
      oldestDueAt: asIso(r.oldest_due_at),
    }));
    return { scope: { ...scope, at: now.toISOString() }, total: sum(byConsultant, 'overdue'), byConsultant };
  }

  /** Active cards without an open task: counts per consultant and pipeline, and a page of the cards waiting longest. */
  async cardsWithoutTask(scope: ReportScope, page: CardsPage = { limit: 20, offset: 0 }) {
    const filter = this.filterOf(scope);
    const rows = await this.liveState.cardsWithoutOpenTask(filter);
    const groups = rows.map((r) => ({
      consultantId: (r.consultant_id as string | null) ?? null,
      consultantName: (r.consultant_name as string | null) ?? null,
      pipelineId: String(r.pipeline_id),
      pipelineName: String(r.pipeline_name),
      cards: Number(r.cards),
      oldestStageEnteredAt: asIso(r.oldest_stage_entered_at),
    }));
    const cards = (await this.liveState.cardsWithoutOpenTaskPage(filter, page)).map((r) => ({
      id: String(r.id),
      title: String(r.title),
      contactId: String(r.contact_id),
      pipelineId: String(r.pipeline_id),
      stageId: String(r.stage_id),
      responsibleUserId: (r.responsible_user_id as string | null) ?? null,
      stageEnteredAt: asIso(r.stage_entered_at),
    }));
    return { scope, total: sum(groups, 'cards'), byConsultant: groups, page: { ...page, cards } };
  }

  /** Campaign results need `reports.view`: they are not a consultant's own numbers. */
  async campaigns(
    scope: ReportScope,
    user: AuthenticatedUser,
  ): Promise<{ scope: ReportScope; campaigns: CampaignResult[] }> {
    if (!user.permissions.includes('reports.view'))
      throw ApiError.forbidden('Campaign results are for supervisors and marketers.');
    return { scope, campaigns: await this.campaignResults.list(scope) };
  }

  private filterOf(scope: ReportScope): FactFilter {
    return { consultantId: scope.consultantId ?? undefined, pipelineId: scope.pipelineId ?? undefined };
  }

  private async fact(fact: FactDefinition, scope: ReportScope, groupBy: string[], series = false): Promise<FactRow[]> {
    const states = await this.repository.rollupStates();
    const query: FactQuery = {
      range: { fromDay: scope.from, toDay: scope.to, timeZone: scope.timeZone },
      filter: this.filterOf(scope),
      groupBy,
      granularity: series ? (scope.granularity as FactQuery['granularity']) : undefined,
    };
    return this.repository.factTotals(fact, query, states.get(fact.name)?.completeBefore);
  }
}

function callTotals(r: FactRow | undefined): CallTotals {
  const n = (k: string) => Number(r?.[k] ?? 0);
  return {
    incoming: n('incoming'),
    answered: n('answered'),
    missed: n('missed'),
    missedNotCalledBack: n('missed_not_called_back'),
    outgoing: n('outgoing'),
    avgWaitSeconds: n('wait_count') ? round(n('wait_seconds_sum') / n('wait_count'), 1) : null,
    avgTalkSeconds: n('talk_count') ? round(n('talk_seconds_sum') / n('talk_count'), 1) : null,
  };
}

function sum<T>(rows: T[], key: keyof T): number {
  return rows.reduce((total, r) => total + Number(r[key]), 0);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function asIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
