import type { ContactView } from '../contacts/contact-view.js';
import type { OpenCardSummary } from './call-collaborators.js';
import type { CallRow } from './calls.schema.js';
import type { KnownCallerPop } from './screen-pop.lookup.js';

export type ScreenPopContact = {
  id: string;
  displayName: string;
  locality: string | null;
  activityType: string | null;
  companyName: string | null;
  phones: string[];
};

/** What the desk shows the instant a call rings (`call:ringing`). */
export type ScreenPop = {
  callId: string;
  from: string;
  did: string | null;
  queue: string | null;
  contact: ScreenPopContact | null;
  isNewContact: boolean;
  openCards: OpenCardSummary[];
  lastInteractions: { kind: string; at: Date; summary: Record<string, unknown> }[];
  lastConsultant: { id: string; fullName: string } | null;
};

/** Who is calling, as far as the pop can tell: a known caller (from ScreenPopLookup), a contact created now, or nobody. */
export type Caller =
  { kind: 'known'; pop: KnownCallerPop } | { kind: 'created'; contact: ContactView } | { kind: 'unknown' };

/** The pop of a ringing call: no query of its own, everything comes from the call row and the caller. */
export function screenPopOf(call: CallRow, caller: Caller): ScreenPop {
  const base = { callId: call.id, from: call.fromNumber, did: call.did, queue: call.queue };
  if (caller.kind === 'known') return { ...base, isNewContact: false, ...caller.pop };
  if (caller.kind === 'unknown')
    return { ...base, isNewContact: false, contact: null, openCards: [], lastInteractions: [], lastConsultant: null };
  // Created for this call: no company, cards, history or consultant yet.
  const { contact } = caller;
  return {
    ...base,
    isNewContact: true,
    contact: {
      id: contact.id,
      displayName: contact.displayName,
      locality: contact.locality,
      activityType: contact.activityType,
      companyName: null,
      phones: contact.phones.map((p) => p.e164),
    },
    openCards: [],
    lastInteractions: [],
    lastConsultant: null,
  };
}
