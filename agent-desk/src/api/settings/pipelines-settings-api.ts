import { api } from '../api-client';
import type { FieldType, LocalizedLabel, StageKind } from '../types';

export type SettingsStage = {
  id: string;
  pipelineId: string;
  name: string;
  order: number;
  color: string;
  kind: StageKind;
  staleAfterHours: number | null;
  requiredFieldKeys: string[];
};
export type SettingsPipeline = {
  id: string;
  code: string;
  name: string;
  departmentId: string | null;
  order: number;
  active: boolean;
  stages: SettingsStage[];
};
export type StageInput = Pick<
  SettingsStage,
  'name' | 'order' | 'color' | 'kind' | 'staleAfterHours' | 'requiredFieldKeys'
>;
export type SettingsInstrument = { id: string; code: string; name: LocalizedLabel; active: boolean; order: number };
export type SettingsFieldGroup = { id: string; name: LocalizedLabel; order: number };
export type FieldOption = { value: string; label: LocalizedLabel };
export type SettingsFieldDefinition = {
  id: string;
  key: string;
  label: LocalizedLabel;
  type: FieldType;
  options: FieldOption[];
  groupId: string | null;
  order: number;
  pipelineIds: string[];
  active: boolean;
};
export type FieldDefinitionInput = Omit<SettingsFieldDefinition, 'id'>;

/** Every field type the server accepts, in the order the picker shows them. */
export const FIELD_TYPES: FieldType[] = [
  'text',
  'number',
  'money',
  'date',
  'select',
  'multi_select',
  'checkbox_list',
  'phone',
  'email',
  'url',
  'file',
];
/** Types whose values come from a list of options (the server needs at least one). */
export const CHOICE_TYPES: FieldType[] = ['select', 'multi_select', 'checkbox_list'];
/** Card columns a stage can require besides custom fields. */
export const BUILT_IN_REQUIRABLE_KEYS = ['instruments', 'budget', 'programApplied', 'companyId', 'responsibleUserId'];
export const STAGE_KINDS: StageKind[] = ['open', 'won', 'lost'];

const id = encodeURIComponent;
const byOrder = <T extends { order: number }>(list: T[]) => [...list].sort((a, b) => a.order - b.order);

export const pipelinesSettingsApi = {
  async list(): Promise<SettingsPipeline[]> {
    const list = await api.get<SettingsPipeline[]>('/pipelines');
    return byOrder(list).map((p) => ({ ...p, stages: byOrder(p.stages) }));
  },
  create: (input: { code: string; name: string; order: number }) => api.post<SettingsPipeline>('/pipelines', input),
  update: (pipelineId: string, patch: Partial<Pick<SettingsPipeline, 'name' | 'active' | 'order' | 'departmentId'>>) =>
    api.patch<SettingsPipeline>(`/pipelines/${id(pipelineId)}`, patch),
  addStage: (pipelineId: string, input: StageInput) =>
    api.post<SettingsStage>(`/pipelines/${id(pipelineId)}/stages`, input),
  updateStage: (stageId: string, patch: Partial<StageInput>) =>
    api.patch<SettingsStage>(`/stages/${id(stageId)}`, patch),
  /** Only a stage no card is in (409 `stage_has_cards` otherwise); its history and report rows go with it. */
  deleteStage: (stageId: string) => api.delete(`/stages/${id(stageId)}`),
  async instruments(): Promise<SettingsInstrument[]> {
    return byOrder(await api.get<SettingsInstrument[]>('/instruments'));
  },
  createInstrument: (input: Omit<SettingsInstrument, 'id'>) => api.post<SettingsInstrument>('/instruments', input),
  updateInstrument: (instrumentId: string, patch: Partial<Omit<SettingsInstrument, 'id' | 'code'>>) =>
    api.patch<SettingsInstrument>(`/instruments/${id(instrumentId)}`, patch),
  async fieldGroups(): Promise<SettingsFieldGroup[]> {
    return byOrder(await api.get<SettingsFieldGroup[]>('/field-groups'));
  },
  createFieldGroup: (input: Omit<SettingsFieldGroup, 'id'>) => api.post<SettingsFieldGroup>('/field-groups', input),
  updateFieldGroup: (groupId: string, patch: Partial<Omit<SettingsFieldGroup, 'id'>>) =>
    api.patch<SettingsFieldGroup>(`/field-groups/${id(groupId)}`, patch),
  async fieldDefinitions(): Promise<SettingsFieldDefinition[]> {
    return byOrder(await api.get<SettingsFieldDefinition[]>('/field-definitions'));
  },
  createFieldDefinition: (input: FieldDefinitionInput) =>
    api.post<SettingsFieldDefinition>('/field-definitions', input),
  updateFieldDefinition: (fieldId: string, patch: Partial<Omit<FieldDefinitionInput, 'key' | 'type'>>) =>
    api.patch<SettingsFieldDefinition>(`/field-definitions/${id(fieldId)}`, patch),
};
