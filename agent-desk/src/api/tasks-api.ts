import { api, asList, orFallback } from './api-client';
import type { MissedCall, NewTaskInput, Task, WorkBlocker } from './types';

export const tasksApi = {
  async list(query: { status?: string; cardId?: string; assignee?: string } = {}): Promise<Task[]> {
    return asList<Task>(await orFallback(api.get<unknown>('/tasks', { query: { limit: 500, ...query } }), []));
  },
  create(input: NewTaskInput): Promise<Task> {
    return api.post<Task>('/tasks', input);
  },
  /** Closing needs a result; the server answers 422 `result_required` without one. */
  close(id: string, result: string): Promise<Task> {
    return api.post<Task>(`/tasks/${encodeURIComponent(id)}/close`, { result });
  },
};

export const workApi = {
  async blockers(): Promise<WorkBlocker[]> {
    const rows = asList<{
      id?: string;
      cardId?: string;
      title?: string;
      cardTitle?: string;
      contactId?: string | null;
    }>(await orFallback(api.get<unknown>('/me/work-blockers'), []));
    return rows
      .map((row) => ({
        cardId: row.cardId ?? row.id ?? '',
        title: row.title ?? row.cardTitle ?? '',
        contactId: row.contactId ?? null,
      }))
      .filter((b) => b.cardId);
  },
  /** Unanswered calls nobody has returned yet. */
  async missedCalls(): Promise<MissedCall[]> {
    const rows = asList<MissedCall & { fromNumber?: string; contactId?: string | null; contactName?: string | null }>(
      await orFallback(
        api.get<unknown>('/calls', { query: { status: 'unanswered', notCalledBack: true, limit: 20 } }),
        [],
      ),
    );
    return rows.map((row) => ({
      ...row,
      from: row.from ?? row.fromNumber ?? '',
      at: row.at ?? row.startedAt,
      contact:
        row.contact ?? (row.contactId && row.contactName ? { id: row.contactId, displayName: row.contactName } : null),
    }));
  },
};
