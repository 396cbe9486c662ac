import type { Task } from '@/api/types';

export type TaskBucket = 'overdue' | 'today' | 'upcoming' | 'closed';

export function isOpen(task: Task): boolean {
  return !task.closedAt && (task.status === 'open' || task.status === 'in_progress' || !task.status);
}

/** Where a task belongs on the consultant's day: past due, due today, later, or already closed. */
export function bucketOf(task: Task, now = new Date()): TaskBucket {
  if (!isOpen(task)) return 'closed';
  if (!task.dueAt) return 'upcoming';
  const due = new Date(task.dueAt);
  if (due.getTime() < now.getTime()) return 'overdue';
  const endOfDay = new Date(now);
  endOfDay.setHours(23, 59, 59, 999);
  return due.getTime() <= endOfDay.getTime() ? 'today' : 'upcoming';
}

export function byDue(a: Task, b: Task): number {
  return (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity);
}

/** A sensible default for "next task": tomorrow at 10:00. */
export function defaultDueAt(now = new Date()): number {
  const due = new Date(now);
  due.setDate(due.getDate() + 1);
  due.setHours(10, 0, 0, 0);
  return due.getTime();
}
