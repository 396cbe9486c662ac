import { describe, expect, it } from 'vitest';
import { buildSampleContext, MERGE_FIELDS, previewTemplate } from '../src/index.js';

describe('previewTemplate', () => {
  it('uses the catalogue sample values in the template language when no contact is chosen', () => {
    const body =
      '{{contact.fullName}}, {{consultation.pipeline}}, {{formatDate contact.customFields.eventDate "long"}}';
    expect(previewTemplate({ channel: 'messenger', format: 'text', locale: 'ru', body })).toMatchObject({
      ok: true,
      text: 'Иван Попеску, Гранты, 10 апреля 2025 г.',
      missingFields: [],
      issues: [],
    });
    expect(previewTemplate({ channel: 'messenger', format: 'text', body }).text).toBe(
      'Ion Popescu, Granturi, 10 aprilie 2025',
    );
  });

  it('uses the chosen contact context when given', () => {
    const context = buildSampleContext('en');
    context.contact.fullName = 'Elena Rusu';
    expect(previewTemplate({ channel: 'sms', format: 'text', body: 'Hi {{contact.fullName}}' }, context)).toMatchObject(
      { ok: true, text: 'Hi Elena Rusu', sms: { segments: 1 } },
    );
  });

  it('returns issues instead of throwing for a broken template, and warns about unknown fields', () => {
    const broken = previewTemplate({ channel: 'sms', format: 'text', body: 'Hi {{#if contact.email}}' });
    expect(broken.ok).toBe(false);
    expect(broken.issues[0]).toMatchObject({ kind: 'syntax', line: 1 });
    const unknown = previewTemplate({ channel: 'sms', format: 'text', body: 'Hi {{contact.nickname}}!' });
    expect(unknown).toMatchObject({ ok: true, text: 'Hi !', missingFields: ['contact.nickname'] });
    expect(unknown.issues).toEqual([expect.objectContaining({ kind: 'unknown-field', name: 'contact.nickname' })]);
  });

  it('builds a sample context that holds every catalogue field', () => {
    const context = buildSampleContext('ro', { withLinks: true }) as unknown as Record<string, unknown>;
    for (const field of MERGE_FIELDS) {
      const value = field.path
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], context);
      expect(value, field.path).not.toBeUndefined();
    }
    expect(buildSampleContext('ro').links).toBeUndefined();
  });
});
