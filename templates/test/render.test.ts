import { describe, expect, it } from 'vitest';
import {
  buildSampleContext,
  compileTemplate,
  renderTemplate,
  TemplateCompileError,
  type MergeContext,
  type TemplateSource,
} from '../src/index.js';

const mjmlEmail = (content: string, subject = 'Salut {{contact.firstName}}'): TemplateSource => ({
  channel: 'email',
  format: 'mjml',
  subject,
  body: `<mjml><mj-body><mj-section><mj-column>${content}</mj-column></mj-section></mj-body></mjml>`,
});

function contextWith(patch: (context: MergeContext) => void): MergeContext {
  const context = buildSampleContext('ro');
  patch(context);
  return context;
}

describe('rendering e-mail (MJML)', () => {
  it('produces responsive HTML containing the merged values and a plain-text alternative', () => {
    const template = compileTemplate(
      mjmlEmail('<mj-text>Bună ziua, {{contact.firstName}} de la {{company.name}}!</mj-text>'),
    );
    const result = template.render(buildSampleContext('ro'));
    expect(result.html).toContain('<!doctype html>');
    expect(result.html).toContain('Bună ziua, Ion de la Livada Verde SRL!');
    expect(result.html).toMatch(/mj-column-per-100/); // MJML's responsive column classes
    expect(result.text).toBe('Bună ziua, Ion de la Livada Verde SRL!');
    expect(result.subject).toBe('Salut Ion');
    expect(result.missingFields).toEqual([]);
  });

  it('keeps block helpers placed between MJML sections (they would otherwise be dropped by MJML)', () => {
    const body = `<mjml><mj-body>
      {{#if company}}
      <mj-section><mj-column><mj-text>Companie: {{company.name}}</mj-text></mj-column></mj-section>
      {{else}}
      <mj-section><mj-column><mj-text>Persoană fizică</mj-text></mj-column></mj-section>
      {{/if}}
    </mj-body></mjml>`;
    const template = compileTemplate({ channel: 'email', format: 'mjml', subject: 'x', body });
    expect(template.render(buildSampleContext('ro')).text).toBe('Companie: Livada Verde SRL');
    const withoutCompany = contextWith((context) => delete context.company);
    expect(template.render(withoutCompany).text).toBe('Persoană fizică');
  });

  it('puts merge values in attributes, including helper calls with quoted arguments', () => {
    const template = compileTemplate(
      mjmlEmail(
        '<mj-image src="{{consultant.photoUrl}}" alt="{{consultant.fullName}}" /><mj-button href="{{default contact.customFields.eventRegistrationUrl "https://x.example"}}">Go</mj-button>',
      ),
    );
    const html = template.render(buildSampleContext('ro')).html ?? '';
    expect(html).toContain('src="https://crm.example.md/photos/maria-ceban.jpg"');
    expect(html).toContain('alt="Maria Ceban"');
    expect(html).toContain('href="https://crm.example.md/e/seminar-granturi"');
  });

  it('compiles the MJML only once and renders many recipients from it', () => {
    const template = compileTemplate(mjmlEmail('<mj-text>{{contact.fullName}}</mj-text>'));
    const names = ['Ana Rusu', 'Victor Lungu', 'Elena Cojocaru'].map(
      (fullName) => template.render(contextWith((context) => (context.contact.fullName = fullName))).text,
    );
    expect(names).toEqual(['Ana Rusu', 'Victor Lungu', 'Elena Cojocaru']);
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script><mj-raw><b>bold</b></mj-raw>';

  it('HTML-escapes a contact named <script> in MJML e-mail bodies and attributes', () => {
    const template = compileTemplate(
      mjmlEmail(
        '<mj-text>Bună, {{contact.firstName}}!</mj-text><mj-image src="https://x.example/a.png" alt="{{contact.firstName}}" />',
      ),
    );
    const result = template.render(contextWith((context) => (context.contact.firstName = evil)));
    expect(result.html).not.toContain('<script>');
    expect(result.html).not.toContain('<b>bold</b>');
    expect(result.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(result.html).toMatch(/alt="&lt;script&gt;alert\(&quot;x&quot;\)/);
    // the text alternative shows the name literally: it is text, not markup
    expect(result.text).toContain('Bună, <script>alert("x")</script>');
  });

  it('HTML-escapes in plain HTML e-mails too', () => {
    const template = compileTemplate({
      channel: 'email',
      format: 'html',
      subject: 'x',
      body: '<p>{{contact.lastName}}</p>',
    });
    const result = template.render(
      contextWith((context) => (context.contact.lastName = '<img src=x onerror=alert(1)>')),
    );
    expect(result.html).toBe('<p>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p>');
  });

  it('does not escape SMS, messenger text or subjects', () => {
    const context = contextWith((c) => (c.contact.firstName = 'Ion & <Ana>'));
    const sms = compileTemplate({ channel: 'sms', format: 'text', body: 'Salut {{contact.firstName}}' }).render(
      context,
    );
    const messenger = compileTemplate({ channel: 'messenger', format: 'text', body: '"{{contact.firstName}}"' }).render(
      context,
    );
    const email = compileTemplate(mjmlEmail('<mj-text>x</mj-text>', 'Pentru {{contact.firstName}}')).render(context);
    expect(sms.text).toBe('Salut Ion & <Ana>');
    expect(messenger.text).toBe('"Ion & <Ana>"');
    expect(email.subject).toBe('Pentru Ion & <Ana>');
  });

  it('keeps subjects on one line so a merge value cannot add headers', () => {
    const template = compileTemplate(mjmlEmail('<mj-text>x</mj-text>', 'Bună {{contact.firstName}}'));
    const result = template.render(contextWith((c) => (c.contact.firstName = 'Ion\r\nBcc: victim@example.com')));
    expect(result.subject).toBe('Bună Ion Bcc: victim@example.com');
  });

  it('prints the trusted signature HTML raw but refuses {{{ }}} on any other field', () => {
    const ok = compileTemplate(mjmlEmail('<mj-text>{{{consultant.signatureHtml}}}</mj-text>'));
    expect(ok.render(buildSampleContext('ro')).html).toContain('Consultant, Departamentul Granturi<br>tel.');
    expect(() => compileTemplate(mjmlEmail('<mj-text>{{{contact.firstName}}}</mj-text>'))).toThrow(
      TemplateCompileError,
    );
  });

  it('rejects unknown helpers at compile time (strict instance)', () => {
    expect(() => compileTemplate({ channel: 'sms', format: 'text', body: '{{shout contact.firstName}}' })).toThrow(
      /Unknown helper "shout"/,
    );
    expect(() => compileTemplate({ channel: 'sms', format: 'text', body: '{{log contact.firstName}}' })).toThrow(
      TemplateCompileError,
    );
    expect(() => compileTemplate({ channel: 'sms', format: 'text', body: '{{> footer}}' })).toThrow(/Partials/);
  });
});

describe('helpers', () => {
  const render = (body: string, locale: 'ro' | 'ru' | 'en', patch: (c: MergeContext) => void = () => {}) =>
    compileTemplate({ channel: 'sms', format: 'text', body, locale }).render(contextWith(patch)).text;

  it('formatDate is locale-aware and uses Europe/Chisinau by default', () => {
    const body =
      '{{formatDate contact.customFields.eventDate "full"}} | {{formatDate contact.customFields.eventDate "time"}} | {{formatDate now "short"}}';
    expect(render(body, 'ro')).toBe('joi, 10 aprilie 2025 | 10:00 | 14.03.2025');
    expect(render(body, 'ru')).toBe('четверг, 10 апреля 2025 г. | 10:00 | 14.03.2025');
    expect(render(body, 'en')).toBe('Thursday, 10 April 2025 | 10:00 | 14/03/2025');
    expect(render('{{formatDate now "time" timeZone="UTC"}}', 'ro')).toBe('08:30');
    expect(render('[{{formatDate contact.customFields.nothing}}]', 'ro')).toBe('[]');
  });

  it('formatMoney defaults to MDL and accepts another currency', () => {
    expect(render('{{formatMoney consultation.budget}}', 'ro')).toBe('250.000,00 MDL');
    expect(render('{{formatMoney consultation.budget}}', 'ru')).toBe('250 000,00 MDL');
    expect(render('{{formatMoney consultation.budget}}', 'en')).toBe('MDL 250,000.00');
    expect(render('{{formatMoney 1500 "EUR" digits=0}}', 'ro')).toBe('1.500 EUR');
  });

  it('default, upper, join and if_eq', () => {
    const body =
      '{{default contact.customFields.nickname contact.firstName}} {{upper contact.lastName}} [{{join consultation.instruments " + "}}] {{#if_eq contact.language "ro"}}RO{{else}}other{{/if_eq}}';
    expect(render(body, 'ro')).toBe('Ion POPESCU [grant + mentorat] RO');
    expect(render(body, 'ro', (c) => (c.contact.language = 'ru'))).toBe('Ion POPESCU [grant + mentorat] other');
  });

  it('uses the contact language when the template has no locale', () => {
    const template = compileTemplate({ channel: 'sms', format: 'text', body: '{{formatDate now "long"}}' });
    expect(template.render(contextWith((c) => (c.contact.language = 'ru'))).text).toBe('14 марта 2025 г.');
    expect(template.render(contextWith((c) => (c.contact.language = 'en'))).text).toBe('14 March 2025');
    expect(template.render(contextWith((c) => (c.contact.language = 'de'))).text).toBe('14 martie 2025');
  });
});

describe('missing fields and tracking links', () => {
  it('reports printed fields that have no value, but not optional ones inside {{#if}}', () => {
    const template = compileTemplate(
      mjmlEmail('<mj-text>{{contact.email}} {{#if company}}{{company.idno}}{{/if}} {{consultant.phone}}</mj-text>'),
    );
    const context = contextWith((c) => {
      c.contact.email = '';
      delete c.company;
      delete c.consultant;
    });
    expect(template.render(context).missingFields).toEqual(['contact.email', 'consultant.phone']);
  });

  it('injects an unsubscribe footer and a tracking pixel when links are given', () => {
    const template = compileTemplate({ ...mjmlEmail('<mj-text>Salut</mj-text>'), locale: 'ru' });
    const result = template.render(buildSampleContext('ru', { withLinks: true }));
    expect(result.html).toMatch(
      /<a href="https:\/\/crm\.example\.md\/u\/sample-token"[^>]*>Отписаться<\/a>[\s\S]*<img src="https:\/\/crm\.example\.md\/o\/sample-token\.gif" width="1" height="1"[^>]*\/><\/body>/,
    );
    expect(result.text).toContain('Отписаться: https://crm.example.md/u/sample-token');
    expect(result.text).not.toContain('sample-token.gif');
    const withoutLinks = template.render(buildSampleContext('ru'));
    expect(withoutLinks.html).not.toContain('sample-token');
  });

  it('does not add a second unsubscribe link when the template prints one, and drops unsafe URLs', () => {
    const own = compileTemplate(mjmlEmail('<mj-text><a href="{{links.unsubscribeUrl}}">Stop</a></mj-text>'));
    const html = own.render(buildSampleContext('ro', { withLinks: true })).html ?? '';
    expect(html.match(/u\/sample-token/g)).toHaveLength(1);
    const unsafe = compileTemplate(mjmlEmail('<mj-text>x</mj-text>')).render(
      contextWith(
        (c) => (c.links = { unsubscribeUrl: 'javascript:alert(1)', trackingPixelUrl: 'data:image/gif;base64,AAA' }),
      ),
    );
    expect(unsafe.html).not.toMatch(/javascript:|data:image/);
  });

  it('renderTemplate accepts a source and caches its compilation', () => {
    const source: TemplateSource = { channel: 'sms', format: 'text', body: 'Bună, {{contact.firstName}}!' };
    const first = renderTemplate(source, buildSampleContext('ro'));
    const second = renderTemplate(
      source,
      contextWith((c) => (c.contact.firstName = 'Ana')),
    );
    expect([first.text, second.text]).toEqual(['Bună, Ion!', 'Bună, Ana!']);
    expect(first.sms).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(renderTemplate(source, buildSampleContext('ro'), { gsmSafe: true })).toMatchObject({
      text: 'Buna, Ion!',
      sms: { encoding: 'GSM-7' },
    });
  });
});
