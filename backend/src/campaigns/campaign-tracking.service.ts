import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { MergeDataRepository } from '../message-templates/merge-data.repository.js';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import { TASK_ASSIGNED_EVENT } from '../tasks/tasks.service.js';
import type { TaskRow } from '../tasks/tasks.schema.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { CampaignEvents, type CampaignEmailEvent } from './campaign-events.js';
import { CampaignsRepository } from './campaigns.repository.js';
import type { CampaignRecipientRow } from './campaigns.schema.js';
import { consentKeyOf } from './consent-policy.js';
import { TrackingTokens } from './tracking-tokens.js';

const TRACKING_ACTOR = { userId: null, label: 'campaign-tracking' };

/** What a tracked mail belongs to: a campaign, or a one-off template send from the card (no campaign). */
type TrackedSend = { campaignId: string | null; name: string; taskOnOpen: boolean; channel: string };
const UNSUBSCRIBE_ACTOR = { userId: null, label: 'unsubscribe-link' };

/** What the contact did with a campaign e-mail: opened it (pixel), clicked a link, unsubscribed. All idempotent. */
@Injectable()
export class CampaignTrackingService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly tokens: TrackingTokens,
    private readonly repository: CampaignsRepository,
    private readonly mergeData: MergeDataRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly notifier: AgentNotifier,
    private readonly events: CampaignEvents,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** The open pixel was loaded. Never throws: the pixel is served whatever happens. */
  async opened(token: string): Promise<void> {
    const id = this.tokens.verify(token);
    if (!id) return;
    try {
      const result = await this.db.transaction((tx) => this.firstOpen(tx, id));
      await this.afterOpen(result);
    } catch (error) {
      this.logger.warn({ recipientId: id, err: (error as Error).message }, 'open not recorded');
    }
  }

  /** A tracked link: the URL it stood for (only URLs of the rendered message), recorded as a click (and an open). */
  async clicked(token: string, index: number): Promise<string | undefined> {
    const id = this.tokens.verify(token);
    if (!id) return undefined;
    const recipient = await this.repository.findRecipient(id);
    const url = recipient?.links[index];
    if (!recipient || !url) return undefined;
    const result = await this.db.transaction(async (tx) => {
      const open = await this.firstOpen(tx, id);
      const row = await this.repository.recordClick(tx, id);
      const campaign = open?.campaign ?? (await this.sendOf(tx, row));
      return { open, row, campaign };
    });
    await this.afterOpen(result.open);
    await this.events.emit('clicked', { ...eventOf(result.row, result.campaign), url });
    return url;
  }

  /** Whether the token is valid (the unsubscribe page is only shown for real recipients). */
  isValid(token: string): boolean {
    return Boolean(this.tokens.verify(token));
  }

  /** The contact no longer wants this channel's campaigns: consent flipped (audited, on the timeline), recipient marked. */
  async unsubscribe(token: string): Promise<boolean> {
    const id = this.tokens.verify(token);
    if (!id) return false;
    const done = await this.db.transaction(async (tx) => {
      const recipient = await this.repository.findRecipient(id, tx);
      if (!recipient) return undefined;
      const campaign = await this.sendOf(tx, recipient);
      const first = await this.repository.markFirst(tx, id, 'unsubscribedAt');
      const contact = await this.repository.contactConsent(tx, recipient.contactId);
      const key = consentKeyOf(campaign.channel);
      if (!contact || contact.consent[key] === false) return first ? { recipient: first, campaign } : undefined;
      const before = contact.consent;
      const after = {
        ...before,
        [key]: false,
        updatedAt: new Date().toISOString(),
        source: `unsubscribe link: ${campaign.name}`,
      };
      await this.repository.setContactConsent(tx, contact.id, after);
      await this.audit.record(
        {
          action: 'contact.unsubscribe',
          entityType: 'contact',
          entityId: contact.id,
          before: { consent: before },
          after: { consent: after, campaignId: campaign.campaignId },
          actor: UNSUBSCRIBE_ACTOR,
        },
        tx,
      );
      await this.timeline.append(tx, {
        kind: 'consent_changed',
        contactId: contact.id,
        cardId: recipient.cardId,
        actorUserId: null,
        refType: 'campaign_recipient',
        refId: recipient.id,
        summary: {
          channel: key,
          value: false,
          via: 'unsubscribe_link',
          campaignId: campaign.campaignId,
          campaignName: campaign.name,
        },
      });
      return { recipient: first ?? recipient, campaign };
    });
    if (done) await this.events.emit('unsubscribed', eventOf(done.recipient, done.campaign));
    return true;
  }

  /** First open only: timestamp, timeline entry, and the follow-up task when the campaign asks for one. */
  private async firstOpen(
    tx: DatabaseExecutor,
    id: string,
  ): Promise<{ recipient: CampaignRecipientRow; campaign: TrackedSend; task?: TaskRow } | undefined> {
    const recipient = await this.repository.markFirst(tx, id, 'openedAt');
    if (!recipient) return undefined;
    const campaign = await this.sendOf(tx, recipient);
    await this.timeline.append(tx, {
      kind: 'email_opened',
      contactId: recipient.contactId,
      cardId: recipient.cardId,
      occurredAt: recipient.openedAt!,
      actorUserId: null,
      refType: 'campaign_recipient',
      refId: recipient.id,
      summary: {
        campaignId: campaign.campaignId,
        campaignName: campaign.name,
        messageId: recipient.messageId,
        ...(campaign.campaignId ? {} : { templateId: recipient.templateId }),
      },
    });
    await this.domainEvents.publish(tx, 'email.opened', {
      contactId: recipient.contactId,
      cardId: recipient.cardId,
      campaignId: campaign.campaignId,
      messageId: recipient.messageId,
      openedAt: recipient.openedAt!.toISOString(),
    });
    if (!campaign.taskOnOpen) return { recipient, campaign };
    const task = await this.createOpenTask(tx, recipient, campaign);
    return {
      recipient: task ? await this.repository.updateRecipient(tx, id, { openTaskId: task.id }) : recipient,
      campaign,
      task,
    };
  }

  private async createOpenTask(
    tx: DatabaseExecutor,
    recipient: CampaignRecipientRow,
    campaign: TrackedSend,
  ): Promise<TaskRow | undefined> {
    const card = recipient.cardId ? await this.mergeData.card(recipient.cardId, tx) : undefined;
    const contact = await this.mergeData.contact(recipient.contactId, tx);
    if (!contact) return undefined;
    const assigneeUserId = card?.card.responsibleUserId ?? contact.responsibleUserId ?? null;
    const task = await this.repository.insertTask(tx, {
      title: `Follow up: ${contact.displayName} opened “${campaign.name}”`,
      type: 'follow_up',
      dueAt: new Date(Date.now() + this.config.campaigns.openTaskDueHours * 3_600_000),
      assigneeUserId,
      cardId: recipient.cardId,
      contactId: recipient.contactId,
    });
    await this.audit.record(
      { action: 'create', entityType: 'task', entityId: task.id, after: task, actor: TRACKING_ACTOR },
      tx,
    );
    await this.timeline.append(tx, {
      kind: 'task_created',
      contactId: task.contactId,
      cardId: task.cardId,
      actorUserId: null,
      refType: 'task',
      refId: task.id,
      summary: {
        title: task.title,
        type: task.type,
        dueAt: task.dueAt,
        assigneeUserId: task.assigneeUserId,
        campaignId: campaign.campaignId,
      },
    });
    return task;
  }

  private async afterOpen(
    result: { recipient: CampaignRecipientRow; campaign: TrackedSend; task?: TaskRow } | undefined,
  ): Promise<void> {
    if (!result) return;
    if (result.task?.assigneeUserId) this.notifier.toUser(result.task.assigneeUserId, TASK_ASSIGNED_EVENT, result.task);
    await this.events.emit('opened', eventOf(result.recipient, result.campaign));
  }

  private async sendOf(tx: DatabaseExecutor, recipient: CampaignRecipientRow): Promise<TrackedSend> {
    if (!recipient.campaignId) {
      const name = recipient.templateId ? await this.repository.templateName(recipient.templateId, tx) : undefined;
      return { campaignId: null, name: name ?? 'e-mail', taskOnOpen: recipient.taskOnOpen, channel: 'email' };
    }
    const campaign = (await this.repository.findById(recipient.campaignId, tx))!;
    const channel = await this.mergeData.channelOfAccount(campaign.channelAccountId, tx);
    return {
      campaignId: campaign.id,
      name: campaign.name,
      taskOnOpen: campaign.taskOnOpen,
      channel: channel ?? 'email',
    };
  }
}

function eventOf(recipient: CampaignRecipientRow, campaign: TrackedSend): CampaignEmailEvent {
  return {
    campaignId: campaign.campaignId,
    recipientId: recipient.id,
    contactId: recipient.contactId,
    cardId: recipient.cardId,
    at: new Date(),
  };
}
