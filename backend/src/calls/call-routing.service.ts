import { Injectable } from '@nestjs/common';
import { ContactsService } from '../contacts/contacts.service.js';
import { WorkingHoursService } from '../working-hours/working-hours.service.js';
import { OpenCardsLookup } from './call-collaborators.js';
import { CallsRepository } from './calls.repository.js';
import { TelephonySettingsRepository } from './telephony-settings.repository.js';

export type RouteDecision = {
  target: 'extension' | 'queue';
  extension: string | null;
  queue: string;
  userId: string | null;
  reason: 'last_answered_call' | 'open_card_responsible' | 'fallback_queue';
  /** Whether the centre is open now (TwiML and dialplans may play a closed message instead). */
  open: boolean;
};

/**
 * Sticky routing: a caller goes to the consultant who last handled them (last answered call within the window,
 * else the responsible of their most recent open card), if that consultant is active and has an extension;
 * otherwise to the fallback queue.
 */
@Injectable()
export class CallRoutingService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly settings: TelephonySettingsRepository,
    private readonly contacts: ContactsService,
    private readonly cards: OpenCardsLookup,
    private readonly workingHours: WorkingHoursService,
  ) {}

  async route(from: string, now = new Date()): Promise<RouteDecision> {
    const e164 = from ? this.contacts.normalizePhone(from) : null;
    const [settings, calendar, contact] = await Promise.all([
      this.settings.get(),
      this.workingHours.calendar(),
      e164 ? this.contacts.findByPhone(e164) : Promise.resolve(null),
    ]);
    const queue = settings?.fallbackQueue ?? 'support';
    const open = calendar.isOpen(now);
    const fallback: RouteDecision = {
      target: 'queue',
      extension: null,
      queue,
      userId: null,
      reason: 'fallback_queue',
      open,
    };
    if (!e164) return fallback;
    const since = new Date(now.getTime() - (settings?.routeWindowDays ?? 90) * 86_400_000);
    const last = await this.calls.lastAnsweringConsultant({ contactId: contact?.id, externalE164: e164 }, since);
    if (last?.active && last.phoneExtension)
      return {
        target: 'extension',
        extension: last.phoneExtension,
        queue,
        userId: last.id,
        reason: 'last_answered_call',
        open,
      };
    if (contact) {
      const responsible = (await this.cards.openCardsOf(contact.id)).find(
        (c) => c.responsibleUserId,
      )?.responsibleUserId;
      if (responsible) {
        const [user] = await this.calls.usersByIds([responsible]);
        if (user?.active && user.phoneExtension)
          return {
            target: 'extension',
            extension: user.phoneExtension,
            queue,
            userId: user.id,
            reason: 'open_card_responsible',
            open,
          };
      }
    }
    return fallback;
  }
}
