import type { FieldErrors } from '../common/api-error.js';
import { isEmptyFieldValue } from '../pipelines/field-value-rules.js';
import { BUILT_IN_REQUIRABLE_KEYS } from '../pipelines/pipeline-defaults.js';
import type { PipelineStageRow } from '../pipelines/pipelines.schema.js';
import type { ConsultationCardRow } from './consultations.schema.js';

type CardValues = Pick<
  ConsultationCardRow,
  'instruments' | 'budget' | 'programApplied' | 'companyId' | 'responsibleUserId' | 'fields'
>;

/** The stage's required fields the card leaves empty, each with the message the form shows next to it. */
export function missingRequiredFields(stage: PipelineStageRow, card: CardValues): FieldErrors {
  const missing: FieldErrors = {};
  for (const key of stage.requiredFieldKeys) {
    const value = (BUILT_IN_REQUIRABLE_KEYS as readonly string[]).includes(key)
      ? card[key as keyof CardValues]
      : card.fields[key];
    if (isEmptyFieldValue(value)) missing[key] = `Required in stage ${stage.name}`;
  }
  return missing;
}
