/** Languages the centre writes to its clients in. `ro` is the default. */
export type Locale = 'ro' | 'ru' | 'en';

/** Where a rendered template is sent. */
export type Channel = 'email' | 'sms' | 'messenger';

/** How a template body is written: MJML (responsive e-mail), plain HTML, or plain text. */
export type TemplateFormat = 'mjml' | 'html' | 'text';

export interface ContactFields {
  firstName: string;
  lastName: string;
  fullName: string;
  phone: string;
  email: string;
  locality: string;
  activityType: string;
  language: Locale | string;
  customFields: Record<string, unknown>;
}

export interface CompanyFields {
  name: string;
  idno: string;
  size: string;
  sector: string;
}

export interface ConsultationFields {
  id: string;
  title: string;
  pipeline: string;
  stage: string;
  instruments: string[];
  programApplied?: string;
  /** Budget in MDL unless the template says otherwise (`formatMoney consultation.budget "EUR"`). */
  budget?: number;
}

export interface ConsultantFields {
  fullName: string;
  firstName: string;
  email: string;
  phone: string;
  photoUrl: string;
  /**
   * Lines printed under the consultant's name (role, department, phone), as trusted HTML maintained by
   * the centre, never by contacts: the only field allowed in `{{{ }}}`.
   */
  signatureHtml: string;
  /** The same lines as plain text, for SMS and messenger templates. */
  signatureText: string;
  department: string;
}

export interface CentreFields {
  name: string;
  address: string;
  phone: string;
  website: string;
}

export interface LinkFields {
  unsubscribeUrl?: string;
  trackingPixelUrl?: string;
}

/** Everything a template may reference with `{{path}}`. */
export interface MergeContext {
  contact: ContactFields;
  company?: CompanyFields;
  consultation?: ConsultationFields;
  consultant?: ConsultantFields;
  centre: CentreFields;
  links?: LinkFields;
  now: Date;
}

/** The text a template author wrote, before compilation. */
export interface TemplateSource {
  channel: Channel;
  format: TemplateFormat;
  body: string;
  /** E-mail subject; merge fields allowed, never HTML-escaped. */
  subject?: string;
  /** Language of the template; drives date/money formatting and injected link labels. */
  locale?: Locale;
}

export interface TemplateScope {
  departmentId?: string;
  pipelineId?: string;
  /** A service of the centre, e.g. `mentoring`, `grants`, `trainings`. */
  service?: string;
}

/** A stored or shipped template: a source plus the key, language and scope it answers for. */
export interface TemplateDefinition extends TemplateSource {
  id: string;
  /** Stable purpose of the template, e.g. `consultation-follow-up`. */
  key: string;
  locale: Locale;
  scope: TemplateScope;
  name?: string;
  origin?: 'shipped' | 'custom';
}

export type TemplateIssueKind =
  'syntax' | 'unknown-field' | 'unknown-helper' | 'unsafe-raw-output' | 'unsupported' | 'mjml';

/** One problem found in a template, positioned for the editor (lines and columns are 1-based). */
export interface TemplateIssue {
  kind: TemplateIssueKind;
  severity: 'error' | 'warning';
  part: 'subject' | 'body';
  message: string;
  line?: number;
  column?: number;
  /** The merge-field path or helper name concerned. */
  name?: string;
}

export interface SmsSegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  /** Encoded units: GSM-7 septets (extension characters count 2) or UTF-16 code units (emoji count 2). */
  characters: number;
  segments: number;
  /** Capacity of one segment at this length: 160/153 for GSM-7, 70/67 for UCS-2. */
  perSegment: number;
  /** Units still free in the last segment before another segment is needed. */
  remainingInSegment: number;
}

export interface RenderedMessage {
  subject?: string;
  html?: string;
  text: string;
  /** Referenced merge fields that had no value in the context (rendered as empty). */
  missingFields: string[];
  /** Segment count of `text`, for SMS only. */
  sms?: SmsSegmentInfo;
}
