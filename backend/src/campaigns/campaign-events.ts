import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';

/** A campaign e-mail was opened (first time only) or a tracked link clicked, or the contact unsubscribed. */
export type CampaignEmailEvent = {
  /** null for a tracked one-off template send. */
  campaignId: string | null;
  recipientId: string;
  contactId: string;
  cardId: string | null;
  at: Date;
  /** Clicks only: the URL the contact went to. */
  url?: string;
};

export type CampaignEventKind = 'opened' | 'clicked' | 'unsubscribed';
type Listener = (event: CampaignEmailEvent) => void | Promise<void>;

/**
 * In-process hooks on campaign e-mail engagement, for the automation engine and other domains:
 * `onEmailOpened(listener)`, `onLinkClicked(listener)`, `onUnsubscribed(listener)`. Listeners run after the change is
 * committed; an error in one is logged and does not affect the contact's request or other listeners.
 */
@Injectable()
export class CampaignEvents {
  private readonly listeners: Record<CampaignEventKind, Listener[]> = {
    opened: [] as Listener[],
    clicked: [] as Listener[],
    unsubscribed: [] as Listener[],
  };

  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  onEmailOpened(listener: Listener): void {
    this.listeners.opened.push(listener);
  }

  onLinkClicked(listener: Listener): void {
    this.listeners.clicked.push(listener);
  }

  onUnsubscribed(listener: Listener): void {
    this.listeners.unsubscribed.push(listener);
  }

  async emit(kind: CampaignEventKind, event: CampaignEmailEvent): Promise<void> {
    for (const listener of this.listeners[kind]) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.warn(
          { kind, campaignId: event.campaignId, recipientId: event.recipientId, err: (error as Error).message },
          'campaign event listener failed',
        );
      }
    }
  }
}
