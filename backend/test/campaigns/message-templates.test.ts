import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  SIGNATURE_HTML,
  createCard,
  createConsultant,
  createContact,
  createTemplate,
  expectCreated,
  pipelineWithStages,
} from './support/campaign-fixtures.js';

const FOLLOW_UP_MJML = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Bună ziua, {{contact.firstName}}! Compania {{company.name}} este la etapa „{{consultation.stage}}” în fluxul {{consultation.pipeline}}.</mj-text>
<mj-text>Instrumente: {{join consultation.instruments ", "}}.</mj-text>
<mj-image src="{{consultant.photoUrl}}" alt="{{consultant.fullName}}" />
<mj-text>{{consultant.fullName}}<br/>{{{consultant.signatureHtml}}}</mj-text>
</mj-column></mj-section></mj-body></mjml>`;

describe('message templates', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: string;
  let consultantToken: string;
  let consultant: any;
  let contact: any;
  let card: any;
  let pipeline: any;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    consultant = await createConsultant(t, admin);
    consultantToken = await t.login(consultant.email, 'consultant-password-1');
    const company = await expectCreated(
      await t.http('POST', '/api/companies', {
        token: admin,
        body: { name: 'Livada Verde SRL', idno: '1003600012345', size: 'micro', sector: 'Horticultură' },
      }),
      'company',
    );
    contact = await createContact(t, admin, {
      firstName: 'Ion',
      lastName: 'Popescu',
      email: 'ion.popescu@example.md',
      language: 'ro',
      companyId: company.id,
      phones: ['+37369123456'],
    });
    pipeline = await pipelineWithStages(t, admin);
    card = await createCard(t, admin, {
      contactId: contact.id,
      pipelineId: pipeline.id,
      title: 'Plan de afaceri pentru livadă',
      responsibleUserId: consultant.id,
      instruments: ['pare-1-1', 'start-tineri'],
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('seeds the shipped ro/ru/en defaults on a fresh database', async () => {
    const res = await t.http('GET', '/api/message-templates', { token: admin });
    expect(res.status).toBe(200);
    const shipped = res.body.filter((r: any) => r.origin === 'shipped');
    const keys = new Set(shipped.map((r: any) => r.key));
    expect([...keys].sort()).toEqual([
      'appointment-reminder',
      'callback-missed-call',
      'consultation-follow-up',
      'event-invitation',
      'welcome-new-request',
    ]);
    expect(new Set(shipped.map((r: any) => r.locale))).toEqual(new Set(['ro', 'ru', 'en']));
    const followUp = shipped.find(
      (r: any) => r.key === 'consultation-follow-up' && r.channel === 'email' && r.locale === 'ru',
    );
    expect(followUp).toMatchObject({ format: 'mjml', active: true });
    expect(followUp.subject).toBeTruthy();
  });

  it('creates, updates and deletes a template, audited; consultants may not manage templates', async () => {
    const body = {
      key: 'grant-reminder',
      name: 'Memento grant',
      channel: 'sms',
      format: 'text',
      locale: 'ro',
      body: 'Bună, {{contact.firstName}}! Dosarul e la etapa {{consultation.stage}}.',
    };
    expect((await t.http('POST', '/api/message-templates', { token: consultantToken, body })).status).toBe(403);
    const created = await createTemplate(t, admin, body);
    expect(created).toMatchObject({ key: 'grant-reminder', origin: 'custom', active: true, subject: null });
    const updated = await t.http('PATCH', `/api/message-templates/${created.id}`, {
      token: admin,
      body: { active: false, service: 'pare-1-1' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ active: false, service: 'pare-1-1' });
    expect((await t.http('DELETE', `/api/message-templates/${created.id}`, { token: admin })).status).toBe(204);
    expect((await t.http('GET', `/api/message-templates/${created.id}`, { token: admin })).status).toBe(404);
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'message_template'), eq(auditEvents.entityId, created.id)))
      .orderBy(asc(auditEvents.id));
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });

  it('answers 400 with fields for what the engine refuses', async () => {
    const base = {
      key: 'bad-one',
      name: 'Bad',
      channel: 'email',
      format: 'mjml',
      locale: 'ro',
      subject: 'Salut {{contact.firstName}}',
    };
    const unknownField = await t.http('POST', '/api/message-templates', {
      token: admin,
      body: {
        ...base,
        body: '<mjml><mj-body><mj-section><mj-column><mj-text>{{contact.favouriteColour}}</mj-text></mj-column></mj-section></mj-body></mjml>',
      },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toBe('template_invalid');
    expect(unknownField.body.fields.body).toMatch(/favouriteColour/);
    expect(unknownField.body.issues[0]).toMatchObject({ kind: 'unknown-field', part: 'body', line: 1 });

    const syntax = await t.http('POST', '/api/message-templates', {
      token: admin,
      body: { ...base, subject: 'Salut {{#if contact.firstName}}', body: '<mjml><mj-body></mj-body></mjml>' },
    });
    expect(syntax.status).toBe(400);
    expect(Object.keys(syntax.body.fields)).toContain('subject');

    const unsafe = await t.http('POST', '/api/message-templates', {
      token: admin,
      body: {
        ...base,
        body: '<mjml><mj-body><mj-section><mj-column><mj-text>{{{contact.firstName}}}</mj-text></mj-column></mj-section></mj-body></mjml>',
      },
    });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.issues[0].kind).toBe('unsafe-raw-output');

    const noSubject = await t.http('POST', '/api/message-templates', {
      token: admin,
      body: { ...base, subject: undefined, body: 'x' },
    });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.fields).toHaveProperty('subject');
    const smsAsMjml = await t.http('POST', '/api/message-templates', {
      token: admin,
      body: { ...base, channel: 'sms', body: 'x' },
    });
    expect(smsAsMjml.status).toBe(400);
    expect(smsAsMjml.body.fields).toHaveProperty('format');
  });

  it('previews with the real contact, company, card, stage and responsible consultant (photo, signature)', async () => {
    const template = await createTemplate(t, admin, {
      key: 'card-status',
      name: 'Stare dosar',
      channel: 'email',
      format: 'mjml',
      locale: 'ro',
      subject: 'Dosarul {{consultation.title}}',
      body: FOLLOW_UP_MJML,
    });
    const res = await t.http('POST', '/api/message-templates/preview', {
      token: consultantToken,
      body: { templateId: template.id, contactId: contact.id, cardId: card.id },
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.subject).toBe('Dosarul Plan de afaceri pentru livadă');
    const stage = pipeline.stages.find((s: any) => s.id === card.stageId);
    expect(res.body.html).toContain(
      `Bună ziua, Ion! Compania Livada Verde SRL este la etapa „${stage.name}” în fluxul ${pipeline.name}.`,
    );
    expect(res.body.html).toContain('Instrumente: Programul PARE 1+1, Start pentru Tineri.');
    expect(res.body.html).toContain('src="https://crm.centru.md/photos/maria.jpg"');
    expect(res.body.html).toContain(`Maria Ceban<br/>${SIGNATURE_HTML}`);
    expect(res.body.text).toContain('Bună ziua, Ion!');
    expect(res.body.missingFields).toEqual([]);

    const sms = await t.http('POST', '/api/message-templates/preview', {
      token: consultantToken,
      body: {
        draft: {
          channel: 'sms',
          format: 'text',
          locale: 'ro',
          body: 'Bună ziua, {{contact.firstName}}! Consultantul dvs. {{consultant.fullName}}, {{consultant.phone}}. Etapa: {{consultation.stage}}.',
        },
        contactId: contact.id,
        cardId: card.id,
      },
    });
    expect(sms.status).toBe(200);
    expect(sms.body.text).toBe(`Bună ziua, Ion! Consultantul dvs. Maria Ceban, +37322000111. Etapa: ${stage.name}.`);
    expect(sms.body.sms).toMatchObject({ encoding: 'UCS-2', segments: sms.body.text.length > 70 ? 2 : 1 });
    const gsm = await t.http('POST', '/api/message-templates/preview', {
      token: consultantToken,
      body: {
        draft: { channel: 'sms', format: 'text', locale: 'ro', body: 'Bună ziua, {{contact.firstName}}!' },
        contactId: contact.id,
        gsmSafe: true,
      },
    });
    expect(gsm.body).toMatchObject({
      text: 'Buna ziua, Ion!',
      sms: { encoding: 'GSM-7', segments: 1, characters: 15 },
    });
    const counter = await t.http('POST', '/api/message-templates/sms-count', {
      token: consultantToken,
      body: { text: 'a'.repeat(161) },
    });
    expect(counter.body).toMatchObject({ encoding: 'GSM-7', segments: 2, perSegment: 153 });
  });

  it('picks the templates for a card by pipeline, instrument (service) and department, in the contact language', async () => {
    const body = { key: 'next-steps', channel: 'sms', format: 'text', locale: 'ro' };
    await createTemplate(t, admin, { ...body, name: 'global', body: 'Global' });
    const byService = await createTemplate(t, admin, { ...body, name: 'service', body: 'PARE', service: 'pare-1-1' });
    await createTemplate(t, admin, { ...body, name: 'other service', body: 'Eco', service: 'eco-eficienta' });
    const res = await t.http('GET', `/api/cards/${card.id}/message-templates?channel=sms`, { token: consultantToken });
    expect(res.status).toBe(200);
    expect(res.body.find((r: any) => r.key === 'next-steps').id).toBe(byService.id);
    const byPipeline = await createTemplate(t, admin, {
      ...body,
      name: 'pipeline',
      body: 'Pipeline',
      pipelineId: pipeline.id,
    });
    const again = await t.http('GET', `/api/cards/${card.id}/message-templates?channel=sms`, {
      token: consultantToken,
    });
    expect(again.body.find((r: any) => r.key === 'next-steps').id).toBe(byPipeline.id);
    // the shipped SMS defaults (empty scope) are offered too, in the contact's language
    expect(again.body.find((r: any) => r.key === 'appointment-reminder')).toMatchObject({
      locale: 'ro',
      origin: 'shipped',
    });
  });
});
