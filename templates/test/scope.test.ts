import { describe, expect, it } from 'vitest';
import { localeFallbackChain, pickTemplate, type TemplateDefinition } from '../src/index.js';

const def = (
  id: string,
  locale: TemplateDefinition['locale'],
  scope: TemplateDefinition['scope'] = {},
  extra: Partial<TemplateDefinition> = {},
): TemplateDefinition => ({
  id,
  key: 'consultation-follow-up',
  channel: 'email',
  format: 'html',
  subject: 's',
  body: id,
  locale,
  scope,
  ...extra,
});

const definitions = [
  def('global-ro', 'ro'),
  def('global-en', 'en'),
  def('dept-ro', 'ro', { departmentId: 'grants' }),
  def('dept-ru', 'ru', { departmentId: 'grants' }),
  def('pipeline-ro', 'ro', { pipelineId: 'pare' }),
  def('dept-service-ro', 'ro', { departmentId: 'grants', service: 'mentoring' }),
  def('other-dept-ro', 'ro', { departmentId: 'export' }),
  def('sms-ro', 'ro', {}, { channel: 'sms', format: 'text', subject: undefined }),
  def('other-key', 'ro', {}, { key: 'event-invitation' }),
];

describe('pickTemplate', () => {
  const pick = (query: Partial<Parameters<typeof pickTemplate>[1]>) =>
    pickTemplate(definitions, { key: 'consultation-follow-up', channel: 'email', ...query })?.id;

  it('falls back to the global template when nothing narrower matches', () => {
    expect(pick({ locale: 'ro' })).toBe('global-ro');
    expect(pick({ locale: 'ro', departmentId: 'legal' })).toBe('global-ro');
  });

  it('chooses the most specific matching scope', () => {
    expect(pick({ locale: 'ro', departmentId: 'grants' })).toBe('dept-ro');
    expect(pick({ locale: 'ro', departmentId: 'grants', service: 'mentoring' })).toBe('dept-service-ro');
    expect(pick({ locale: 'ro', departmentId: 'grants', service: 'trainings' })).toBe('dept-ro');
    expect(pick({ locale: 'ro', departmentId: 'export', pipelineId: 'pare' })).toBe('pipeline-ro'); // tie: pipeline beats department
  });

  it('never picks a template scoped to something else', () => {
    expect(pick({ locale: 'ro', departmentId: 'legal' })).not.toBe('other-dept-ro');
  });

  it('prefers the reader language, then Romanian, then English', () => {
    expect(pick({ locale: 'ru', departmentId: 'grants' })).toBe('dept-ru');
    expect(pick({ locale: 'ru' })).toBe('global-ro'); // no global Russian: Romanian fallback
    expect(pick({ locale: 'en' })).toBe('global-en');
    expect(pickTemplate([def('only-en', 'en')], { key: 'consultation-follow-up', locale: 'ru' })?.id).toBe('only-en');
    expect(localeFallbackChain('ru-MD')).toEqual(['ru', 'ro', 'en']);
    expect(localeFallbackChain(undefined)).toEqual(['ro', 'en']);
  });

  it('filters by key and channel and returns undefined when nothing fits', () => {
    expect(pickTemplate(definitions, { key: 'consultation-follow-up', locale: 'ro', channel: 'sms' })?.id).toBe(
      'sms-ro',
    );
    expect(pickTemplate(definitions, { key: 'event-invitation', locale: 'ru' })?.id).toBe('other-key');
    expect(pickTemplate(definitions, { key: 'nothing', locale: 'ro' })).toBeUndefined();
  });
});
