import type { CallsQuery } from '@/api/calls-api';

export type CallsView = 'all' | 'answered' | 'unanswered' | 'not_called_back';
export type CallsFilter = { fromDay: string; toDay: string; view: CallsView; userId: string | null };

export const CALL_VIEWS: CallsView[] = ['all', 'answered', 'unanswered', 'not_called_back'];
const DAY = 86_400_000;

/** YYYY-MM-DD of a date in the browser's time zone. */
export function isoDay(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The last 7 days, today included. */
export function defaultCallsFilter(now = new Date()): CallsFilter {
  return { fromDay: isoDay(new Date(now.getTime() - 6 * DAY)), toDay: isoDay(now), view: 'all', userId: null };
}

/** Local midnight of a YYYY-MM-DD day as an ISO instant; `end` gives the next midnight (the period includes toDay). */
export function dayBoundary(day: string, end = false): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + (end ? 1 : 0)).toISOString();
}

/** The API query of a filter: the period in local days, the status view, the consultant; paged by offset. */
export function callsQuery(filter: CallsFilter, offset = 0, limit = 50): CallsQuery {
  const query: CallsQuery = { from: dayBoundary(filter.fromDay), to: dayBoundary(filter.toDay, true), limit, offset };
  if (filter.view === 'answered') query.status = 'answered';
  if (filter.view === 'unanswered') query.status = 'unanswered';
  if (filter.view === 'not_called_back') Object.assign(query, { status: 'unanswered', notCalledBack: true });
  if (filter.userId) query.userId = filter.userId;
  return query;
}

/** m:ss for talk and wait times. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
