import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { CallsReport, CampaignResult, RequestsReport, StageRow } from '@/api/reports-api';

/** Only the chart types and components the dashboards draw (tree-shaken ECharts). */
export type DashboardChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>;

type Translate = (key: string, values?: Record<string, unknown>) => string;

const PALETTE = ['#0f5f6b', '#16a34a', '#b42318', '#c2410c', '#2563eb', '#7c3aed', '#0891b2', '#a16207'];
const base = (): DashboardChartOption => ({
  color: PALETTE,
  aria: { enabled: true },
  tooltip: { trigger: 'axis', confine: true },
  legend: { bottom: 0, type: 'scroll' },
  grid: { left: 8, right: 12, top: 16, bottom: 40, containLabel: true },
});

/** Incoming, answered and missed calls per bucket (day / week / month). */
export function callsSeriesOption(
  report: CallsReport,
  t: Translate,
  bucketLabel: (bucket: string) => string,
): DashboardChartOption {
  const buckets = report.series.map((row) => bucketLabel(row.bucket));
  const line = (key: 'incoming' | 'answered' | 'missed' | 'missedNotCalledBack'): LineSeriesOption => ({
    type: 'line',
    name: t(`dashboards.tiles.${key}`),
    smooth: true,
    showSymbol: buckets.length < 40,
    data: report.series.map((row) => row[key]),
  });
  return {
    ...base(),
    xAxis: { type: 'category', data: buckets, boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1 },
    series: [line('incoming'), line('answered'), line('missed'), line('missedNotCalledBack')],
  };
}

/** New requests per channel: consultation cards and conversations side by side. */
export function requestsByChannelOption(
  report: RequestsReport,
  t: Translate,
  channelLabel: (channel: string) => string,
): DashboardChartOption {
  const series: BarSeriesOption[] = [
    { type: 'bar', name: t('dashboards.charts.cards'), data: report.byChannel.map((row) => row.cards) },
  ];
  if (report.totals.conversations !== null)
    series.push({
      type: 'bar',
      name: t('dashboards.charts.conversations'),
      data: report.byChannel.map((row) => row.conversations),
    });
  return {
    ...base(),
    xAxis: {
      type: 'category',
      data: report.byChannel.map((row) => channelLabel(row.channel)),
      axisLabel: { interval: 0, rotate: report.byChannel.length > 5 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

/** New cards per UTM source, most first; cards without one are "(none)". */
export function requestsByUtmOption(report: RequestsReport, t: Translate): DashboardChartOption {
  const rows = [...report.byUtmSource].reverse();
  return {
    ...base(),
    legend: { show: false },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => row.utmSource ?? t('dashboards.charts.noUtm')) },
    series: [
      {
        type: 'bar',
        name: t('dashboards.charts.cards'),
        data: rows.map((row) => row.cards),
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** The stages of one pipeline in order: how many cards entered each during the period, as a funnel. */
export function conversionFunnelOption(stages: StageRow[], t: Translate): DashboardChartOption {
  return {
    ...base(),
    tooltip: { trigger: 'item', confine: true, formatter: '{b}: {c}' },
    legend: { show: false },
    series: [
      {
        type: 'funnel',
        name: t('dashboards.charts.entered'),
        sort: 'none',
        left: '8%',
        width: '84%',
        top: 8,
        bottom: 8,
        minSize: '8%',
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data: stages.map((stage) => ({ name: stage.stageName, value: stage.entered })),
      },
    ],
  };
}

/** Cards in each stage now (bars). */
export function cardsByStageOption(stages: StageRow[], t: Translate): DashboardChartOption {
  return {
    ...base(),
    legend: { show: false },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    xAxis: {
      type: 'category',
      data: stages.map((stage) => stage.stageName),
      axisLabel: { interval: 0, rotate: stages.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('dashboards.charts.cardsNow'),
        data: stages.map((stage) => stage.cards),
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** Open and click rates of each campaign sent in the period, in percent. */
export function campaignResultsOption(campaigns: CampaignResult[], t: Translate): DashboardChartOption {
  const percent = (rate: number) => Math.round(rate * 1000) / 10;
  return {
    ...base(),
    xAxis: {
      type: 'category',
      data: campaigns.map((c) => c.name),
      axisLabel: { interval: 0, rotate: campaigns.length > 3 ? 30 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { type: 'bar', name: t('dashboards.charts.openRate'), data: campaigns.map((c) => percent(c.openRate)) },
      { type: 'bar', name: t('dashboards.charts.clickRate'), data: campaigns.map((c) => percent(c.clickRate)) },
    ],
  };
}

/** The stages report groups rows of several pipelines: one group per pipeline, in the server's order. */
export function stagesByPipeline(
  stages: StageRow[],
): Array<{ pipelineId: string; pipelineName: string; stages: StageRow[] }> {
  const groups = new Map<string, { pipelineId: string; pipelineName: string; stages: StageRow[] }>();
  for (const stage of stages) {
    const group =
      groups.get(stage.pipelineId) ??
      groups
        .set(stage.pipelineId, { pipelineId: stage.pipelineId, pipelineName: stage.pipelineName, stages: [] })
        .get(stage.pipelineId)!;
    group.stages.push(stage);
  }
  return [...groups.values()];
}
