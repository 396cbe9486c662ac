import { describe, expect, it } from 'vitest';
import { compileTemplate, MERGE_FIELDS, validateTemplate, type TemplateSource } from '../src/index.js';

const sms = (body: string): TemplateSource => ({ channel: 'sms', format: 'text', body });

describe('validateTemplate', () => {
  it('lists unknown merge fields with line and column', () => {
    const issues = validateTemplate(
      sms('Bună ziua,\n{{contact.firstName}} {{contact.firstname}}\n{{company.nme}} {{contact.customFields.anything}}'),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        kind: 'unknown-field',
        name: 'contact.firstname',
        line: 2,
        column: 25,
        severity: 'error',
        part: 'body',
      }),
      expect.objectContaining({ kind: 'unknown-field', name: 'company.nme', line: 3, column: 3 }),
    ]);
  });

  it('checks custom field keys when the installation lists them', () => {
    const issues = validateTemplate(
      sms('{{contact.customFields.eventDate}} {{contact.customFields.region}} {{contact.customFields.typo}}'),
      { customFieldKeys: ['region'] },
    );
    expect(issues.map((issue) => issue.name)).toEqual(['contact.customFields.typo']);
  });

  it('resolves fields inside #with, #each and @root', () => {
    const body =
      '{{#with company}}{{name}} {{idno}} {{bogus}}{{/with}}{{#each consultation.instruments}}{{this}} {{@index}} {{@root.contact.firstName}} {{../centre.nam}}{{/each}}';
    expect(validateTemplate(sms(body)).map((issue) => issue.name)).toEqual(['company.bogus', 'centre.nam']);
  });

  it('reports syntax errors with their line number', () => {
    const [issue] = validateTemplate(sms('Linia 1\nLinia 2 {{#if contact.email}}\nLinia 3 {{contact.firstName}'));
    expect(issue).toMatchObject({ kind: 'syntax', severity: 'error', line: 3 });
    const [unclosed] = validateTemplate(sms('a\n{{#if company}}\nb\n{{/with}}'));
    expect(unclosed).toMatchObject({ kind: 'syntax', line: 2 });
    expect(unclosed.message).toMatch(/doesn't match/);
  });

  it('reports errors in the subject separately from the body', () => {
    const issues = validateTemplate({
      channel: 'email',
      format: 'html',
      subject: 'Salut {{contact.nume}}',
      body: '<p>{{contact.firstName}}</p>',
    });
    expect(issues).toEqual([expect.objectContaining({ part: 'subject', name: 'contact.nume', line: 1, column: 9 })]);
  });

  it('reports unknown helpers, misused block helpers and unsafe raw output', () => {
    const issues = validateTemplate({
      channel: 'email',
      format: 'html',
      subject: 'x',
      body: '{{lower contact.firstName}}\n{{if_eq contact.language "ro"}}\n{{{contact.fullName}}}\n{{{consultant.signatureHtml}}}',
    });
    expect(issues.map((issue) => [issue.kind, issue.line])).toEqual([
      ['unknown-helper', 1],
      ['unknown-helper', 2],
      ['unsafe-raw-output', 3],
    ]);
  });

  it('reports MJML problems and structural mistakes', () => {
    const mjml = validateTemplate({
      channel: 'email',
      format: 'mjml',
      subject: 's',
      body: '<mjml><mj-body>\n<mj-section>\n<mj-column><mj-text colour="red">{{contact.firstName}}</mj-text></mj-column></mj-section></mj-body></mjml>',
    });
    expect(mjml).toEqual([expect.objectContaining({ kind: 'mjml', severity: 'warning', line: 3 })]);
    expect(
      validateTemplate({ channel: 'email', format: 'mjml', subject: 's', body: '<p>not mjml</p>' })[0],
    ).toMatchObject({ kind: 'mjml', severity: 'error' });
    expect(validateTemplate({ channel: 'email', format: 'html', body: '<p>x</p>' })[0]).toMatchObject({
      part: 'subject',
      severity: 'error',
    });
    expect(validateTemplate({ channel: 'sms', format: 'mjml', body: '<mjml></mjml>' })[0]).toMatchObject({
      kind: 'unsupported',
    });
  });

  it('maps MJML line numbers back to the author source across multi-line mustaches', () => {
    const body =
      '<mjml><mj-body>\n<mj-section><mj-column><mj-text>{{formatDate\n  now\n  "long"}}</mj-text>\n<mj-text colour="red">x</mj-text>\n</mj-column></mj-section></mj-body></mjml>';
    expect(validateTemplate({ channel: 'email', format: 'mjml', subject: 's', body })).toEqual([
      expect.objectContaining({ kind: 'mjml', line: 5 }),
    ]);
  });

  it('still renders a template with unknown fields unless strictFields is set', () => {
    const template = sms('Bună {{contact.prenume}}');
    expect(compileTemplate(template).warnings).toHaveLength(1);
    expect(() => compileTemplate(template, { strictFields: true })).toThrow(/Unknown merge field "contact.prenume"/);
  });

  it('accepts every catalogue field', () => {
    const body = MERGE_FIELDS.map((field) => `{{${field.path}}}`).join(' ');
    expect(validateTemplate(sms(body))).toEqual([]);
    for (const field of MERGE_FIELDS) expect(Object.keys(field.label).sort()).toEqual(['en', 'ro', 'ru']);
  });
});
