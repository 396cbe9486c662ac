import { describe, expect, it } from 'vitest';
import {
  evaluateConditions,
  validateConditions,
  type ConditionNode,
} from '../../src/automation/automation-conditions.js';
import type { Facts } from '../../src/automation/automation-facts.js';
import { interpolate } from '../../src/automation/automation-facts.js';

const facts: Facts = {
  card: {
    id: 'c1',
    title: 'Grant PARE 1+1',
    contactId: 'p1',
    pipelineId: '5f0c8a8e-3f7e-4b53-9d4c-2f1f2a4e9c01',
    stageId: '5f0c8a8e-3f7e-4b53-9d4c-2f1f2a4e9c02',
    responsibleUserId: null,
    departmentId: null,
    budget: 25_000,
    programApplied: null,
    source: 'telegram',
    status: 'active',
    instruments: ['PARE', 'START'],
    utm: { source: 'facebook' },
    fields: { employees: 12, sector: 'IT' },
    stageEnteredAt: new Date('2026-11-30T10:00:00Z'),
  },
  contact: {
    id: 'p1',
    displayName: 'Olena Kovalenko',
    firstName: 'Olena',
    lastName: 'Kovalenko',
    email: null,
    language: 'ru',
    locality: 'Bălți',
    activityType: null,
    source: 'telegram',
    tags: ['vip'],
    responsibleUserId: null,
    departmentId: null,
    customFields: { idno: '1002600012345' },
  },
};

const field = (f: string, op: string, value?: unknown) => ({ field: f, op, value }) as ConditionNode;

describe('automation conditions', () => {
  it.each([
    [field('card.title', 'eq', 'grant pare 1+1'), true],
    [field('card.title', 'neq', 'Other'), true],
    [field('card.source', 'in', ['viber', 'TELEGRAM']), true],
    [field('card.source', 'not_in', ['telegram']), false],
    [field('card.title', 'contains', 'pare'), true],
    [field('card.title', 'not_contains', 'pare'), false],
    [field('card.title', 'starts_with', 'grant'), true],
    [field('card.budget', 'gt', 25_000), false],
    [field('card.budget', 'gte', 25_000), true],
    [field('card.budget', 'lt', 30_000), true],
    [field('card.budget', 'lte', 1), false],
    [field('card.programApplied', 'is_empty'), true],
    [field('card.programApplied', 'is_not_empty'), false],
    [field('card.programApplied', 'eq', 'x'), false],
    [field('card.programApplied', 'neq', 'x'), true],
    [field('card.instruments', 'contains', 'pare'), true],
    [field('contact.tags', 'not_contains', 'vip'), false],
    [field('card.fields.employees', 'gte', 10), true],
    [field('card.fields.sector', 'eq', 'it'), true],
    [field('card.utm.source', 'eq', 'facebook'), true],
    [field('contact.customFields.idno', 'starts_with', '1002'), true],
    [field('message.text', 'is_empty'), true],
    [{ all: [field('card.budget', 'gt', 1), { not: field('contact.language', 'eq', 'ro') }] }, true],
    [{ any: [field('card.budget', 'gt', 1e9), field('contact.locality', 'eq', 'bălți')] }, true],
    [{ all: [field('card.budget', 'gt', 1e9), field('contact.locality', 'eq', 'bălți')] }, false],
  ] as const)('%j → %s', (node, expected) => {
    expect(evaluateConditions(node as ConditionNode, facts)).toBe(expected);
  });

  it('no conditions always hold', () => {
    expect(evaluateConditions(null, facts)).toBe(true);
  });

  it('validates fields, operators and values against the trigger and the custom fields', () => {
    const context = {
      facts: ['card', 'contact', 'stage'] as const,
      customCardFields: new Map([['employees', 'number' as const]]),
    };
    expect(
      validateConditions(
        { all: [field('card.fields.employees', 'gt', 5), field('contact.customFields.idno', 'eq', '1')] },
        context,
      ),
    ).toEqual({});
    expect(
      validateConditions(
        {
          any: [
            field('card.fields.employees', 'contains', 'x'),
            field('card.stageId', 'eq', 'stage-1'),
            field('card.instruments', 'in', []),
            field('card.title', 'is_empty', 'x'),
            field('call.status', 'eq', 'missed'),
            field('card.nope', 'eq', 'x'),
          ],
        },
        context,
      ),
    ).toEqual({
      'conditions.any.0.op': expect.stringContaining('does not apply'),
      'conditions.any.1.value': 'Give an id (uuid).',
      'conditions.any.2.op': expect.stringContaining('does not apply'),
      'conditions.any.3.value': '"is_empty" takes no value.',
      'conditions.any.4.field': expect.stringContaining('not known for this trigger'),
      'conditions.any.5.field': 'Unknown field "card.nope".',
    });
  });

  it('fills placeholders from the facts, dates in the centre’s time zone', () => {
    expect(interpolate('In the stage since {{card.stageEnteredAt}}', facts, 'Europe/Chisinau')).toBe(
      'In the stage since 30.11.2026, 12:00',
    );
    expect(
      interpolate('Call {{ contact.firstName }} about {{card.title}} ({{card.instruments}}) {{task.title}}', facts),
    ).toBe('Call Olena about Grant PARE 1+1 (PARE, START) ');
  });
});
