import type { Stage } from '@/api/types';

/** Why a field is marked on the card: the current stage requires it, or a later stage does (the nearest one). */
export type RequirementHint = { now: boolean; nextStage: Stage | null };

/**
 * The backend's stage rules (`requiredFieldKeys` of each stage) read for one card: a key the current stage requires
 * is required now; otherwise the nearest later stage (by order) that requires it is where it will be needed.
 */
export function requirementHints(stages: Stage[], currentStageId: string): Record<string, RequirementHint> {
  const ordered = [...stages].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const index = ordered.findIndex((s) => s.id === currentStageId);
  const hints: Record<string, RequirementHint> = {};
  for (const key of ordered[index]?.requiredFieldKeys ?? []) hints[key] = { now: true, nextStage: null };
  for (const stage of ordered.slice(index + 1)) {
    for (const key of stage.requiredFieldKeys ?? []) hints[key] ??= { now: false, nextStage: stage };
  }
  return hints;
}

/** Server field errors keyed the way the form keys its inputs: `fields.employees` → `employees`. */
export function formFieldErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^fields\./, ''), v]));
}
