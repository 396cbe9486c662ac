import type { FieldDefinition, FieldGroup, FieldType, LocalizedLabel, Stage, TeamMember } from '@/api/types';

/** The card's own columns the form edits (a stage change goes in the same PATCH and is checked by the server). */
export const CORE_KEYS = ['stageId', 'responsibleUserId', 'budget', 'programApplied'] as const;
export type CoreKey = (typeof CORE_KEYS)[number];
export const isCoreKey = (key: string): key is CoreKey => (CORE_KEYS as readonly string[]).includes(key);

export type FormField = {
  key: string;
  label: string;
  type: FieldType;
  options?: Array<{ value: string; label: LocalizedLabel | string }>;
  core: boolean;
};
export type FormSection = { key: string; title: string; fields: FormField[] };

type Words = {
  main: string;
  other: string;
  localized: (label: LocalizedLabel) => string;
  core: (key: CoreKey) => string;
};

/** The core section first, then the configured groups in their order, then fields of no (or an unknown) group. */
export function cardFormSections(
  input: { stages: Stage[]; team: TeamMember[]; groups: FieldGroup[]; definitions: FieldDefinition[] },
  words: Words,
): FormSection[] {
  const main: FormSection = {
    key: 'main',
    title: words.main,
    fields: [
      {
        key: 'stageId',
        label: words.core('stageId'),
        type: 'select',
        options: input.stages.map((s) => ({ value: s.id, label: s.name })),
        core: true,
      },
      {
        key: 'responsibleUserId',
        label: words.core('responsibleUserId'),
        type: 'select',
        options: input.team.map((u) => ({ value: u.id, label: u.fullName })),
        core: true,
      },
      { key: 'budget', label: words.core('budget'), type: 'money', core: true },
      { key: 'programApplied', label: words.core('programApplied'), type: 'text', core: true },
    ],
  };
  const groups = [...input.groups].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const known = new Set(groups.map((g) => g.id));
  const custom = (d: FieldDefinition): FormField => ({
    key: d.key,
    label: words.localized(d.label),
    type: d.type,
    options: d.options,
    core: false,
  });
  const definitions = [...input.definitions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const configured = groups.map((g) => ({
    key: g.id,
    title: words.localized(g.name),
    fields: definitions.filter((d) => d.groupId === g.id).map(custom),
  }));
  const other = {
    key: 'other',
    title: words.other,
    fields: definitions.filter((d) => !d.groupId || !known.has(d.groupId)).map(custom),
  };
  return [main, ...configured, other].filter((s) => s.fields.length);
}
