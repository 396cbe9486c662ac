export type {
  Channel,
  CompanyFields,
  CentreFields,
  ConsultantFields,
  ConsultationFields,
  ContactFields,
  LinkFields,
  Locale,
  MergeContext,
  RenderedMessage,
  SmsSegmentInfo,
  TemplateDefinition,
  TemplateFormat,
  TemplateIssue,
  TemplateIssueKind,
  TemplateScope,
  TemplateSource,
} from './types.js';
export { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, isLocale, resolveLocale } from './locales.js';
export {
  CUSTOM_FIELDS_PREFIX,
  MERGE_FIELDS,
  findMergeField,
  isKnownFieldPath,
  type FieldCheckOptions,
  type MergeFieldDescriptor,
  type MergeFieldGroup,
  type MergeFieldType,
} from './merge-fields.js';
export { buildSampleContext, type SampleContextOptions } from './sample-context.js';
export { formatDate, type DateStyle, type FormatDateOptions } from './helpers/format-date.js';
export { DEFAULT_CURRENCY, formatMoney, type FormatMoneyOptions } from './helpers/format-money.js';
export { TEMPLATE_HELPERS } from './handlebars-env.js';
export {
  TemplateCompileError,
  compileTemplate,
  type CompileOptions,
  type CompiledTemplate,
  type RenderOptions,
} from './compile.js';
export { renderTemplate } from './render.js';
export { validateTemplate, type InspectOptions } from './template-inspection.js';
export { previewTemplate, type TemplatePreview } from './preview.js';
export { countSmsSegments } from './sms/segment-counter.js';
export { toGsmSafe, type GsmSafeOptions } from './sms/gsm-transliteration.js';
export { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS } from './sms/gsm-alphabet.js';
export { localeFallbackChain, pickTemplate, type TemplateQuery } from './template-scope.js';
export { loadShippedTemplates, shippedTemplatesDir } from './shipped-templates.js';
