import { z } from 'zod';
import { FIELD_TYPES, STAGE_KINDS } from './pipelines.schema.js';

const localizedLabel = z.object({
  ro: z.string().trim().min(1, 'Enter the Romanian label.').max(200),
  ru: z.string().trim().max(200).optional(),
  en: z.string().trim().max(200).optional(),
});
const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{2,60}$/, 'Use 2–60 lowercase letters, digits or dashes.');

export const createPipelineDto = z.object({
  code,
  name: z.string().trim().min(2, 'Enter the pipeline name.').max(200),
  departmentId: z.uuid().nullable().optional(),
  order: z.number().int().default(0),
  active: z.boolean().default(true),
});
export type CreatePipelineDto = z.infer<typeof createPipelineDto>;
export const updatePipelineDto = createPipelineDto.partial();
export type UpdatePipelineDto = z.infer<typeof updatePipelineDto>;

export const stageDto = z.object({
  name: z.string().trim().min(1, 'Enter the stage name.').max(120),
  order: z.number().int().default(0),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #3b82f6.')
    .default('#64748b'),
  kind: z.enum(STAGE_KINDS).default('open'),
  staleAfterHours: z.number().int().positive().nullable().optional(),
  requiredFieldKeys: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
});
export type StageDto = z.infer<typeof stageDto>;
export const updateStageDto = stageDto.partial();
export type UpdateStageDto = z.infer<typeof updateStageDto>;

export const instrumentDto = z.object({
  code,
  name: localizedLabel,
  active: z.boolean().default(true),
  order: z.number().int().default(0),
});
export type InstrumentDto = z.infer<typeof instrumentDto>;
export const updateInstrumentDto = instrumentDto.partial();
export type UpdateInstrumentDto = z.infer<typeof updateInstrumentDto>;

export const fieldGroupDto = z.object({ name: localizedLabel, order: z.number().int().default(0) });
export type FieldGroupDto = z.infer<typeof fieldGroupDto>;

export const fieldDefinitionDto = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z][a-zA-Z0-9_]{1,59}$/, 'Start with a lowercase letter; use letters, digits or _ (2–60).'),
    label: localizedLabel,
    type: z.enum(FIELD_TYPES),
    options: z
      .array(z.object({ value: z.string().trim().min(1).max(120), label: localizedLabel }))
      .max(200)
      .default([]),
    groupId: z.uuid().nullable().optional(),
    order: z.number().int().default(0),
    pipelineIds: z.array(z.uuid()).default([]),
    active: z.boolean().default(true),
  })
  .refine((d) => !['select', 'multi_select', 'checkbox_list'].includes(d.type) || d.options.length > 0, {
    path: ['options'],
    message: 'A choice field needs at least one option.',
  });
export type FieldDefinitionDto = z.infer<typeof fieldDefinitionDto>;
export const updateFieldDefinitionDto = z.object({
  label: localizedLabel.optional(),
  options: z
    .array(z.object({ value: z.string().trim().min(1).max(120), label: localizedLabel }))
    .max(200)
    .optional(),
  groupId: z.uuid().nullable().optional(),
  order: z.number().int().optional(),
  pipelineIds: z.array(z.uuid()).optional(),
  active: z.boolean().optional(),
});
export type UpdateFieldDefinitionDto = z.infer<typeof updateFieldDefinitionDto>;
