import type { ReportGranularity } from '@/api/reports-api';

export type PeriodPreset = 'today' | 'week' | 'month' | 'custom';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['today', 'week', 'month', 'custom'];
export type Period = { from: string; to: string };

/** A local calendar day as the API reads it: YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today; this week from Monday to today; this month from the 1st to today. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, now = new Date()): Period {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (preset === 'today') return { from: localDay(today), to: localDay(today) };
  if (preset === 'week') {
    const monday = new Date(today);
    monday.setDate(today.getDate() - ((today.getDay() + 6) % 7));
    return { from: localDay(monday), to: localDay(today) };
  }
  return { from: localDay(new Date(today.getFullYear(), today.getMonth(), 1)), to: localDay(today) };
}

/** The date picker's [start, end] timestamps → local days; null until both ends are chosen. */
export function customPeriod(range: [number, number] | null): Period | null {
  if (!range) return null;
  const [start, end] = range;
  const from = localDay(new Date(start));
  const to = localDay(new Date(end));
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The granularity that reads well for a period: days up to two months, weeks up to half a year, then months. */
export function suggestedGranularity(period: Period): ReportGranularity {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  if (days <= 62) return 'day';
  if (days <= 183) return 'week';
  return 'month';
}

/** Seconds → "m:ss" (or "h:mm:ss"); null when there was nothing to average. */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
