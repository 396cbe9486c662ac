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

/** What a screen-pop adds to the contact: company, open cards, last interactions and last consultant. */
export type ScreenPopDetails = Pick<ScreenPop, 'openCards' | 'lastInteractions' | 'lastConsultant'> & {
  companyName: string | null;
};

/**
 * Builds the screen-pop in three indexed queries run in parallel: company and last consultant together, open cards,
 * the last five timeline entries. `detailsOf` can start as soon as the contact is known, before the call row is.
 */
@Injectable()
export class ScreenPopBuilder {
  constructor(
    private readonly calls: CallsRepository,
    private readonly cards: OpenCardsLookup,
    private readonly timeline: TimelineService,
  ) {}

  async detailsOf(contact: ContactView, isNewContact: boolean): Promise<ScreenPopDetails> {
    // Created for this call: no company, cards, history or consultant yet.
    if (isNewContact) return { companyName: null, openCards: [], lastInteractions: [], lastConsultant: null };
    const [context, openCards, feed] = await Promise.all([
      this.calls.screenPopContext(contact.id, contact.companyId),
      this.cards.openCardsOf(contact.id),
      this.timeline.feed({ contactId: contact.id }, undefined, 5),
    ]);
    return {
      companyName: context.companyName,
      openCards,
      lastInteractions: feed.items.map((e) => ({ kind: e.kind, at: e.occurredAt, summary: e.summary })),
      lastConsultant: context.lastConsultant,
    };
  }

  async build(
    call: CallRow,
    contact: ContactView | null,
    isNewContact: boolean,
    details?: ScreenPopDetails,
  ): Promise<ScreenPop> {
    const base = { callId: call.id, from: call.fromNumber, did: call.did, queue: call.queue, isNewContact };
    if (!contact) return { ...base, contact: null, openCards: [], lastInteractions: [], lastConsultant: null };
    const { companyName, ...rest } = details ?? (await this.detailsOf(contact, isNewContact));
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
      ...rest,
    };
  }
}
