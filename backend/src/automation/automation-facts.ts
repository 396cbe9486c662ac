/** What a rule knows about its event, by fact group; conditions read `group.path` from here, templates `{{group.path}}`. */
export type CardFacts = {
  id: string;
  title: string;
  contactId: string;
  pipelineId: string;
  stageId: string;
  responsibleUserId: string | null;
  departmentId: string | null;
  budget: number | null;
  programApplied: string | null;
  source: string | null;
  status: string;
  instruments: string[];
  utm: Record<string, string | undefined>;
  fields: Record<string, unknown>;
  stageEnteredAt: Date;
};

export type ContactFacts = {
  id: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  language: string;
  locality: string | null;
  activityType: string | null;
  source: string | null;
  tags: string[];
  responsibleUserId: string | null;
  departmentId: string | null;
  customFields: Record<string, unknown>;
};

export type Facts = {
  card?: CardFacts;
  contact?: ContactFacts;
  stage?: { id: string; name: string; pipelineId: string; staleAfterHours: number | null; hours?: number };
  message?: { id: string; channel: string; conversationId: string; text: string | null; hasAttachments: boolean };
  call?: { id: string; status: string; fromNumber: string; queue: string | null; direction: string };
  task?: {
    id: string;
    title: string;
    type: string;
    priority: number;
    assigneeUserId: string | null;
    dueAt: Date | null;
  };
  email?: { campaignId: string | null; messageId: string | null };
  /** Timer firings: which reminder this is (1 for the first firing). */
  reminder?: { number: number };
};

/** `group.path.to.value` in the facts, undefined when any step is missing. */
export function factAt(facts: Facts, path: string): unknown {
  let node: unknown = facts;
  for (const part of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Replaces `{{group.path}}` in a rule's text with facts (task titles, notification texts); dates in the centre's zone. */
export function interpolate(text: string, facts: Facts, timeZone = 'Europe/Chisinau'): string {
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_match, path: string) => {
    const value = factAt(facts, path);
    if (value === undefined || value === null) return '';
    if (value instanceof Date)
      return new Intl.DateTimeFormat('ro-MD', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(value);
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}
