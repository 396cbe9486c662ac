import { SECRET_MASK } from '@/api/settings/channel-accounts-settings-api';

/**
 * The settings each provider's adapter reads (integrations/src/<provider>/*-config.ts), as form fields. `path` is dotted
 * for nested settings (`smtp.auth.pass`). Providers whose settings are a structure of their own (the SMS router's list,
 * a Viber business aggregator's templates) are edited as JSON.
 */
export type ProviderFieldKind = 'text' | 'secret' | 'number' | 'boolean' | 'choice' | 'url';
export type ProviderField = {
  path: string;
  kind: ProviderFieldKind;
  required?: boolean;
  choices?: string[];
};
export type ProviderForm = { provider: string; fields: ProviderField[] } | { provider: string; json: true };

export const PROVIDER_FORMS: ProviderForm[] = [
  {
    provider: 'telegram',
    fields: [
      { path: 'botToken', kind: 'secret', required: true },
      { path: 'webhookSecretToken', kind: 'secret', required: true },
      { path: 'apiRoot', kind: 'url' },
    ],
  },
  {
    provider: 'twilio',
    fields: [
      { path: 'channel', kind: 'choice', choices: ['sms', 'whatsapp'], required: true },
      { path: 'accountSid', kind: 'text', required: true },
      { path: 'authToken', kind: 'secret', required: true },
      { path: 'fromNumber', kind: 'text' },
      { path: 'messagingServiceSid', kind: 'text' },
      { path: 'statusCallbackUrl', kind: 'url' },
      { path: 'apiBaseUrl', kind: 'url' },
    ],
  },
  {
    provider: 'meta',
    fields: [
      { path: 'channel', kind: 'choice', choices: ['messenger', 'instagram'], required: true },
      { path: 'appSecret', kind: 'secret', required: true },
      { path: 'verifyToken', kind: 'secret', required: true },
      { path: 'pageAccessToken', kind: 'secret', required: true },
      { path: 'graphApiVersion', kind: 'text' },
      { path: 'graphApiBaseUrl', kind: 'url' },
    ],
  },
  {
    provider: 'viber',
    fields: [
      { path: 'authToken', kind: 'secret', required: true },
      { path: 'senderName', kind: 'text', required: true },
      { path: 'senderAvatarUrl', kind: 'url' },
      { path: 'apiBaseUrl', kind: 'url' },
    ],
  },
  {
    provider: 'email',
    fields: [
      { path: 'fromAddress', kind: 'text', required: true },
      { path: 'fromName', kind: 'text' },
      { path: 'messageIdDomain', kind: 'text', required: true },
      { path: 'smtp.host', kind: 'text', required: true },
      { path: 'smtp.port', kind: 'number', required: true },
      { path: 'smtp.secure', kind: 'boolean', required: true },
      { path: 'smtp.auth.user', kind: 'text' },
      { path: 'smtp.auth.pass', kind: 'secret' },
      { path: 'imap.host', kind: 'text' },
      { path: 'imap.port', kind: 'number' },
      { path: 'imap.secure', kind: 'boolean' },
      { path: 'imap.auth.user', kind: 'text' },
      { path: 'imap.auth.pass', kind: 'secret' },
      { path: 'imap.mailbox', kind: 'text' },
      { path: 'inboundRelaySecret', kind: 'secret' },
    ],
  },
  { provider: 'webchat', fields: [] },
  { provider: 'viber-business', json: true },
  { provider: 'sms-router', json: true },
];

export const providerForm = (provider: string): ProviderForm | undefined =>
  PROVIDER_FORMS.find((p) => p.provider === provider);

export type FieldValue = string | number | boolean | null;

/** The form's flat values from a stored config; secrets start empty ("unchanged") and are never shown. */
export function flattenConfig(fields: ProviderField[], config: Record<string, unknown>): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of fields) {
    const value = field.path
      .split('.')
      .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), config);
    if (field.kind === 'secret') values[field.path] = '';
    else if (field.kind === 'boolean') values[field.path] = value === true;
    else if (field.kind === 'number') values[field.path] = typeof value === 'number' ? value : null;
    else values[field.path] = typeof value === 'string' ? value : '';
  }
  return values;
}

/**
 * The config to send: empty settings are left out; an empty secret is sent as the mask when the account already has
 * one (the server keeps the stored value) and left out otherwise.
 */
export function buildConfig(
  fields: ProviderField[],
  values: Record<string, FieldValue>,
  stored: Record<string, unknown> = {},
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of fields) {
    let value = values[field.path];
    if (field.kind === 'secret' && (value === '' || value == null)) {
      const current = field.path.split('.').reduce<unknown>((n, k) => (isObject(n) ? n[k] : undefined), stored);
      if (current !== SECRET_MASK) continue;
      value = SECRET_MASK;
    }
    if (value === '' || value === null || value === undefined) continue;
    if (field.kind === 'boolean' && value === false && !field.required) continue;
    setPath(config, field.path, value);
  }
  return config;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1)!] = value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
