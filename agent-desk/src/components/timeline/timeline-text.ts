import type { TimelineEntry } from '@/api/types';

/** One human line from a timeline entry's summary, whatever domain wrote it. */
export function timelineText(entry: TimelineEntry): string {
  const s = entry.summary ?? {};
  const str = (key: string) => (typeof s[key] === 'string' || typeof s[key] === 'number' ? String(s[key]) : '');
  if (str('fromStage') || str('toStage')) return `${str('fromStage') || '…'} → ${str('toStage') || '…'}`;
  if (str('from') && str('to') && entry.kind === 'stage_changed') return `${str('from')} → ${str('to')}`;
  const first = ['text', 'title', 'result', 'subject', 'body', 'summary', 'name'].map(str).find(Boolean);
  if (first) return first;
  if (entry.kind === 'call') {
    const seconds = str('durationSec') || str('talkSeconds');
    const parts = [str('direction'), str('status'), seconds && seconds !== '0' ? `${seconds} s` : ''].filter(Boolean);
    return parts.join(' · ');
  }
  return '';
}

/** The call behind a timeline entry that may have a recording (a call somebody talked in), else null. */
export function recordedCallId(entry: TimelineEntry): string | null {
  if (entry.kind !== 'call' || entry.refType !== 'call' || !entry.refId) return null;
  const talk = Number(entry.summary?.talkSeconds ?? entry.summary?.durationSec ?? 0);
  return talk > 0 ? String(entry.refId) : null;
}

export const TIMELINE_ICONS: Record<string, string> = {
  note: '✎',
  call: '☎',
  task_created: '☐',
  task_closed: '☑',
  stage_changed: '➜',
  card_created: '★',
  message_in: '✉',
  message_out: '✉',
  email_in: '@',
  email_out: '@',
  email_opened: '◉',
  contact_created: '+',
  contact_merged: '⇄',
  field_changed: '✎',
};
