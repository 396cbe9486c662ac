import { api } from './api-client';

export const TEMPLATE_CHANNELS = ['email', 'sms', 'messenger'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
export const TEMPLATE_FORMATS = ['mjml', 'html', 'text'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];
export const TEMPLATE_LOCALES = ['ro', 'ru', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** A message template row (`/api/message-templates`). `key` is the purpose; scope fields narrow where it is picked. */
export type MessageTemplate = {
  id: string;
  key: string;
  name: string;
  channel: TemplateChannel;
  format: TemplateFormat;
  locale: TemplateLocale;
  subject: string | null;
  body: string;
  departmentId: string | null;
  pipelineId: string | null;
  /** An instrument (service) code. */
  service: string | null;
  active: boolean;
  origin: 'shipped' | 'custom';
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type TemplateInput = Pick<
  MessageTemplate,
  'key' | 'name' | 'channel' | 'format' | 'locale' | 'body' | 'active'
> & {
  subject?: string | null;
  departmentId?: string | null;
  pipelineId?: string | null;
  service?: string | null;
};

export type MergeField = {
  path: string;
  type: string;
  group: 'contact' | 'custom' | 'company' | 'consultation' | 'consultant' | 'centre' | 'links' | 'system' | string;
  label: Record<TemplateLocale, string>;
  sample: unknown;
  localizedSample?: Partial<Record<TemplateLocale, unknown>>;
  optional: boolean;
  trustedHtml?: boolean;
};

export type SmsSegmentInfo = {
  encoding: 'GSM-7' | 'UCS-2';
  characters: number;
  segments: number;
  perSegment: number;
  remainingInSegment: number;
};
export type TemplateIssue = {
  kind: string;
  severity: 'error' | 'warning';
  part: 'subject' | 'body';
  message: string;
  line?: number;
  column?: number;
  name?: string;
};

/** `ok: false` when the template does not compile: `issues` say why and nothing is rendered. */
export type TemplatePreview = {
  ok: boolean;
  issues: TemplateIssue[];
  subject?: string;
  html?: string;
  text?: string;
  missingFields?: string[];
  sms?: SmsSegmentInfo;
  templateId?: string;
  contactId?: string;
  cardId?: string | null;
};

export type PreviewRequest = {
  templateId?: string;
  draft?: Pick<TemplateInput, 'channel' | 'format' | 'locale' | 'subject' | 'body'>;
  contactId?: string;
  cardId?: string;
  gsmSafe?: boolean;
};

/** The message queued on the contact's conversation (202). */
export type QueuedMessage = {
  id: string;
  conversationId?: string;
  status?: string;
  channel?: string;
  [key: string]: unknown;
};

const id = encodeURIComponent;

export const templatesApi = {
  list(
    query: { channel?: TemplateChannel; locale?: TemplateLocale; key?: string; active?: boolean } = {},
  ): Promise<MessageTemplate[]> {
    return api.get<MessageTemplate[]>('/message-templates', { query });
  },
  get(templateId: string): Promise<MessageTemplate> {
    return api.get<MessageTemplate>(`/message-templates/${id(templateId)}`);
  },
  /** 400 with `fields` (body, subject, format, key…) when the template engine refuses it. */
  create(input: TemplateInput): Promise<MessageTemplate> {
    return api.post<MessageTemplate>('/message-templates', input);
  },
  update(templateId: string, patch: Partial<TemplateInput>): Promise<MessageTemplate> {
    return api.patch<MessageTemplate>(`/message-templates/${id(templateId)}`, patch);
  },
  /** 409 `template_in_use` when a campaign uses it (switch it off instead). */
  remove(templateId: string): Promise<void> {
    return api.delete(`/message-templates/${id(templateId)}`);
  },
  async mergeFields(): Promise<MergeField[]> {
    return (await api.get<{ fields: MergeField[] }>('/message-templates/merge-fields')).fields;
  },
  smsCount(text: string, gsmSafe = false, signal?: AbortSignal): Promise<SmsSegmentInfo & { text: string }> {
    return api.post('/message-templates/sms-count', { text, gsmSafe }, { signal });
  },
  preview(request: PreviewRequest, signal?: AbortSignal): Promise<TemplatePreview> {
    return api.post<TemplatePreview>('/message-templates/preview', request, { signal });
  },
  /** The active templates that fit this card (its department, pipeline, instruments, the contact's language). */
  forCard(
    cardId: string,
    query: { channel?: TemplateChannel; locale?: TemplateLocale } = {},
  ): Promise<MessageTemplate[]> {
    return api.get<MessageTemplate[]>(`/cards/${id(cardId)}/message-templates`, { query });
  },
  /** 422 `contact_opted_out` / `no_address` / `no_channel_account` / `template_inactive` with a message that says what to do. */
  sendFromCard(cardId: string, body: { templateId: string; channelAccountId?: string }): Promise<QueuedMessage> {
    return api.post<QueuedMessage>(`/cards/${id(cardId)}/template-sends`, body);
  },
};
