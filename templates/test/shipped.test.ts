import { describe, expect, it } from 'vitest';
import {
  buildSampleContext,
  LOCALES,
  loadShippedTemplates,
  pickTemplate,
  renderTemplate,
  shippedTemplatesDir,
  validateTemplate,
} from '../src/index.js';

const shipped = loadShippedTemplates();
const REQUIRED = [
  ['consultation-follow-up', 'email'],
  ['event-invitation', 'email'],
  ['callback-missed-call', 'sms'],
  ['appointment-reminder', 'sms'],
  ['welcome-new-request', 'email'],
  ['welcome-new-request', 'messenger'],
] as const;

describe('shipped templates', () => {
  it('resolves the shipped/ folder from the package root', () => {
    expect(shippedTemplatesDir()).toMatch(/templates[/\\]shipped$/);
  });

  it.each(REQUIRED)('ships %s (%s) in ro, ru and en', (key, channel) => {
    for (const locale of LOCALES) {
      const found = shipped.find(
        (template) => template.key === key && template.channel === channel && template.locale === locale,
      );
      expect(found, `${key}/${channel}/${locale}`).toBeDefined();
      expect(found?.scope).toEqual({});
      expect(found?.name).toBeTruthy();
    }
  });

  describe.each(shipped.map((template) => [template.id, template] as const))('%s', (_, template) => {
    it('validates without issues and renders the sample context without missing fields', () => {
      expect(validateTemplate(template)).toEqual([]);
      const result = renderTemplate(template, buildSampleContext(template.locale));
      expect(result.missingFields).toEqual([]);
      expect(result.text).not.toMatch(/\{\{|\}\}|HBSPH|undefined|null|\[object/);
      expect(result.text).toContain(
        template.locale === 'ru'
          ? 'Центр бизнес-консультирования'
          : template.locale === 'en'
            ? 'Business Consultation Centre'
            : 'Centrul de Consultanță în Afaceri',
      );
      if (template.channel === 'email') {
        expect(result.subject).toBeTruthy();
        expect(result.subject).not.toMatch(/\{\{/);
        expect(result.html).toContain(`lang="${template.locale}"`);
        expect(result.html).not.toMatch(/\{\{|HBSPH/);
      }
    });

    if (template.channel === 'email') {
      it('is signed with the consultant name, photo and signature, or by the centre without a consultant', () => {
        const context = buildSampleContext(template.locale);
        const html = renderTemplate(template, context).html ?? '';
        expect(html).toContain(`src="${context.consultant?.photoUrl}"`);
        expect(html).toContain(`<strong>${context.consultant?.fullName}</strong>`);
        expect(html).toContain(context.consultant?.signatureHtml);
        delete context.consultant;
        const unsigned = renderTemplate(template, context);
        expect(unsigned.missingFields).toEqual([]);
        expect(unsigned.html).not.toContain('maria-ceban.jpg');
      });
    }

    if (template.channel === 'sms') {
      it('fits in two SMS segments with the sample values', () => {
        const result = renderTemplate(template, buildSampleContext(template.locale));
        expect(result.sms?.segments).toBeLessThanOrEqual(2);
        expect(result.sms?.encoding).toBe(template.locale === 'en' ? 'GSM-7' : 'UCS-2');
      });
    }
  });

  it('renders the Romanian SMS in one GSM-7 segment fewer when transliterated', () => {
    const reminder = pickTemplate(shipped, { key: 'callback-missed-call', locale: 'ro' });
    const context = buildSampleContext('ro');
    const plain = renderTemplate(reminder!, context);
    const safe = renderTemplate(reminder!, context, { gsmSafe: true });
    expect(safe.text).toContain('Buna ziua! Ati sunat la Centrul de Consultanta in Afaceri');
    expect(safe.sms).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(plain.sms?.segments).toBe(2);
  });

  it('picks a shipped template by key and language, falling back to Romanian', () => {
    expect(pickTemplate(shipped, { key: 'welcome-new-request', locale: 'ru', channel: 'messenger' })?.id).toBe(
      'shipped:welcome-new-request:messenger:ru',
    );
    expect(pickTemplate(shipped, { key: 'event-invitation', locale: 'uk' })?.id).toBe(
      'shipped:event-invitation:email:ro',
    );
  });
});
