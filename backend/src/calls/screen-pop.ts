import { Injectable } from '@nestjs/common';
import type { ContactView } from '../contacts/contact-view.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { OpenCardsLookup, type OpenCardSummary } from './call-collaborators.js';
import type { CallRow } from './calls.schema.js';
import { CallsRepository } from './calls.repository.js';

/** What the desk shows the instant a call rings (`call:ringing`). */
export type ScreenPop = {
  callId: string;
  from: string;
  did: string | null;
  queue: string | null;
  contact: {
    id: string;
    displayName: string;
    locality: string | null;
    activityType: string | null;
    companyName: string | null;
    phones: string[];
  } | null;
  isNewContact: boolean;
  openCards: OpenCardSummary[];
  lastInteractions: { kind: string; at: Date; summary: Record<string, unknown> }[];
  lastConsultant: { id: string; fullName: string } | null;
};

/** Builds the screen-pop: every lookup runs in parallel, each one indexed query. */
@Injectable()
export class ScreenPopBuilder {
  constructor(
    private readonly calls: CallsRepository,
    private readonly cards: OpenCardsLookup,
    private readonly timeline: TimelineService,
  ) {}

  async build(call: CallRow, contact: ContactView | null, isNewContact: boolean): Promise<ScreenPop> {
    const base = { callId: call.id, from: call.fromNumber, did: call.did, queue: call.queue, isNewContact };
    if (!contact) return { ...base, contact: null, openCards: [], lastInteractions: [], lastConsultant: null };
    const [companyName, openCards, feed, lastConsultant] = await Promise.all([
      this.calls.companyName(contact.companyId),
      isNewContact ? Promise.resolve([]) : this.cards.openCardsOf(contact.id),
      isNewContact ? Promise.resolve({ items: [] }) : this.timeline.feed({ contactId: contact.id }, undefined, 5),
      isNewContact ? Promise.resolve(undefined) : this.calls.lastAnsweringConsultant({ contactId: contact.id }),
    ]);
    return {
      ...base,
      contact: {
        id: contact.id,
        displayName: contact.displayName,
        locality: contact.locality,
        activityType: contact.activityType,
        companyName,
        phones: contact.phones.map((p) => p.e164),
      },
      openCards,
      lastInteractions: feed.items.map((e) => ({ kind: e.kind, at: e.occurredAt, summary: e.summary })),
      lastConsultant: lastConsultant ? { id: lastConsultant.id, fullName: lastConsultant.fullName } : null,
    };
  }
}
