import { isValidPhoneNumber } from 'libphonenumber-js';
import { z } from 'zod';
import type { FieldDefinitionRow } from './pipelines.schema.js';

const email = z.email();
const url = z.url({ protocol: /^https?$/ });
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a custom-field value for its definition's type, in words the user can act on; undefined if fine. */
export function fieldValueProblem(definition: FieldDefinitionRow, value: unknown): string | undefined {
  if (value === null) return undefined; // clears the field
  const options = new Set(definition.options.map((o) => o.value));
  switch (definition.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 10_000
        ? undefined
        : 'Enter text (at most 10 000 characters).';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'Enter a number.';
    case 'money':
      return typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= 0 &&
        Math.round(value * 100) === value * 100
        ? undefined
        : 'Enter an amount of money (not negative, at most 2 decimals).';
    case 'date':
      return typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'Enter a date as YYYY-MM-DD.';
    case 'select':
      return typeof value === 'string' && options.has(value) ? undefined : `Choose one of: ${[...options].join(', ')}.`;
    case 'multi_select':
    case 'checkbox_list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && options.has(v))
        ? undefined
        : `Choose any of: ${[...options].join(', ')}.`;
    case 'phone':
      return typeof value === 'string' && isValidPhoneNumber(value, 'MD')
        ? undefined
        : 'Enter a valid phone number, e.g. +37369123456.';
    case 'email':
      return typeof value === 'string' && email.safeParse(value).success ? undefined : 'Enter a valid e-mail address.';
    case 'url':
      return typeof value === 'string' && url.safeParse(value).success
        ? undefined
        : 'Enter a web address starting with http:// or https://.';
    case 'file':
      return isFileReference(value) ? undefined : 'Attach a file as { name, url }.';
  }
}

function isFileReference(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { name, url: address } = value as Record<string, unknown>;
  return typeof name === 'string' && name.length > 0 && typeof address === 'string' && address.length > 0;
}

/** An empty value does not satisfy a stage's required field. */
export function isEmptyFieldValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
