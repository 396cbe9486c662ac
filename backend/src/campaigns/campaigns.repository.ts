import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { contactChannelIdentities, contacts, type ContactConsent } from '../contacts/contacts.schema.js';
import { consultationCards } from '../consultations/consultations.schema.js';
import { conversations, messages } from '../conversations/conversations.schema.js';
import { tasks, type TaskRow } from '../tasks/tasks.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { messageTemplates } from '../message-templates/message-templates.schema.js';
import {
  campaignRecipients,
  campaigns,
  type CampaignRecipientRow,
  type CampaignRow,
  type CampaignStatus,
  type RecipientStatus,
} from './campaigns.schema.js';

/** A recipient's status for lists and stats: the row's own facts over the delivery status of its message. */
const recipientStatus = sql<RecipientStatus>`case
  when ${campaignRecipients.unsubscribedAt} is not null then 'unsubscribed'
  when ${campaignRecipients.clickedAt} is not null then 'clicked'
  when ${campaignRecipients.openedAt} is not null then 'opened'
  when ${campaignRecipients.state} in ('pending', 'skipped', 'cancelled') then ${campaignRecipients.state}
  when ${messages.status} in ('delivered', 'read') then 'delivered'
  when ${messages.status} = 'sent' then 'sent'
  when ${messages.status} = 'failed' then 'failed'
  else 'queued' end`;

export type RecipientView = CampaignRecipientRow & {
  status: RecipientStatus;
  error: string | null;
  contactName: string | null;
};

/** All SQL of campaigns and their recipients. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  list(): Promise<CampaignRow[]> {
    return this.db.select().from(campaigns).orderBy(desc(campaigns.createdAt));
  }

  async findById(id: string, tx: DatabaseExecutor = this.db): Promise<CampaignRow | undefined> {
    const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).limit(1);
    return row;
  }

  async lock(tx: DatabaseExecutor, id: string): Promise<CampaignRow | undefined> {
    const [row] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update').limit(1);
    return row;
  }

  async insert(tx: DatabaseExecutor, values: typeof campaigns.$inferInsert): Promise<CampaignRow> {
    const [row] = await tx.insert(campaigns).values(values).returning();
    return row;
  }

  async update(tx: DatabaseExecutor, id: string, values: Partial<typeof campaigns.$inferInsert>): Promise<CampaignRow> {
    const [row] = await tx
      .update(campaigns)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(campaigns.id, id))
      .returning();
    return row;
  }

  async delete(tx: DatabaseExecutor, id: string): Promise<void> {
    await tx.delete(campaigns).where(eq(campaigns.id, id));
  }

  /** Claims the next tick of a running campaign: only one worker gets it, and not before `nextTickAt`. */
  async claimTick(id: string, tickMs: number): Promise<CampaignRow | undefined> {
    const [row] = await this.db
      .update(campaigns)
      .set({ nextTickAt: sql`now() + make_interval(secs => ${tickMs / 1000})` })
      .where(
        and(
          eq(campaigns.id, id),
          eq(campaigns.status, 'running'),
          or(isNull(campaigns.nextTickAt), lte(campaigns.nextTickAt, sql`now() + interval '100 milliseconds'`)),
        ),
      )
      .returning();
    return row;
  }

  /** Running campaigns whose next tick is overdue (their job was lost: Redis down, worker restarted). */
  overdue(graceMs: number): Promise<CampaignRow[]> {
    return this.db
      .select()
      .from(campaigns)
      .where(
        and(
          eq(campaigns.status, 'running'),
          or(
            isNull(campaigns.nextTickAt),
            lte(campaigns.nextTickAt, sql`now() - make_interval(secs => ${graceMs / 1000})`),
          ),
        ),
      )
      .limit(100);
  }

  async insertRecipients(tx: DatabaseExecutor, rows: (typeof campaignRecipients.$inferInsert)[]): Promise<void> {
    if (rows.length) await tx.insert(campaignRecipients).values(rows).onConflictDoNothing();
  }

  /** The tracking row of a one-off template send (a recipient without campaign). */
  async insertTrackedSend(tx: DatabaseExecutor, row: typeof campaignRecipients.$inferInsert): Promise<void> {
    await tx.insert(campaignRecipients).values({ ...row, campaignId: null });
  }

  /** Messenger ids of these contacts on one channel (Telegram user id, Viber id, PSID…). */
  async identities(
    contactIds: string[],
    channel: string,
    tx: DatabaseExecutor = this.db,
  ): Promise<Map<string, string>> {
    if (!contactIds.length) return new Map();
    const rows = await tx
      .select({
        contactId: contactChannelIdentities.contactId,
        providerUserId: contactChannelIdentities.providerUserId,
      })
      .from(contactChannelIdentities)
      .where(
        and(inArray(contactChannelIdentities.contactId, contactIds), eq(contactChannelIdentities.channel, channel)),
      )
      .orderBy(asc(contactChannelIdentities.createdAt));
    const map = new Map<string, string>();
    for (const row of rows) if (!map.has(row.contactId)) map.set(row.contactId, row.providerUserId);
    return map;
  }

  /** Each contact's most recently updated active card (merged into campaign messages, owner of open tasks). */
  async latestActiveCards(contactIds: string[], tx: DatabaseExecutor = this.db): Promise<Map<string, string>> {
    if (!contactIds.length) return new Map();
    const rows = await tx
      .select({ contactId: consultationCards.contactId, id: consultationCards.id })
      .from(consultationCards)
      .where(and(inArray(consultationCards.contactId, contactIds), eq(consultationCards.status, 'active')))
      .orderBy(desc(consultationCards.updatedAt));
    const map = new Map<string, string>();
    for (const row of rows) if (!map.has(row.contactId)) map.set(row.contactId, row.id);
    return map;
  }

  async insertTask(tx: DatabaseExecutor, values: typeof tasks.$inferInsert): Promise<TaskRow> {
    const [row] = await tx.insert(tasks).values(values).returning();
    return row;
  }

  pendingIds(campaignId: string, limit: number): Promise<{ id: string }[]> {
    return this.db
      .select({ id: campaignRecipients.id })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'pending')))
      .orderBy(asc(campaignRecipients.createdAt), asc(campaignRecipients.id))
      .limit(limit);
  }

  async countPending(campaignId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: count() })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'pending')));
    return Number(row.n);
  }

  /** The recipient row, locked for this transaction (a second worker waits, then sees it is no longer pending). */
  async lockRecipient(tx: DatabaseExecutor, id: string): Promise<CampaignRecipientRow | undefined> {
    const [row] = await tx
      .select()
      .from(campaignRecipients)
      .where(eq(campaignRecipients.id, id))
      .for('update')
      .limit(1);
    return row;
  }

  async findRecipient(id: string, tx: DatabaseExecutor = this.db): Promise<CampaignRecipientRow | undefined> {
    const [row] = await tx.select().from(campaignRecipients).where(eq(campaignRecipients.id, id)).limit(1);
    return row;
  }

  async updateRecipient(
    tx: DatabaseExecutor,
    id: string,
    values: Partial<typeof campaignRecipients.$inferInsert>,
  ): Promise<CampaignRecipientRow> {
    const [row] = await tx.update(campaignRecipients).set(values).where(eq(campaignRecipients.id, id)).returning();
    return row;
  }

  /** Sets a first-time timestamp (opened, unsubscribed); undefined when it was already set (idempotent). */
  async markFirst(
    tx: DatabaseExecutor,
    id: string,
    column: 'openedAt' | 'unsubscribedAt',
  ): Promise<CampaignRecipientRow | undefined> {
    const [row] = await tx
      .update(campaignRecipients)
      .set({ [column]: new Date() })
      .where(and(eq(campaignRecipients.id, id), isNull(campaignRecipients[column])))
      .returning();
    return row;
  }

  async recordClick(tx: DatabaseExecutor, id: string): Promise<CampaignRecipientRow> {
    const [row] = await tx
      .update(campaignRecipients)
      .set({
        clickCount: sql`${campaignRecipients.clickCount} + 1`,
        clickedAt: sql`coalesce(${campaignRecipients.clickedAt}, now())`,
        openedAt: sql`coalesce(${campaignRecipients.openedAt}, now())`,
      })
      .where(eq(campaignRecipients.id, id))
      .returning();
    return row;
  }

  async cancelPending(tx: DatabaseExecutor, campaignId: string): Promise<number> {
    const rows = await tx
      .update(campaignRecipients)
      .set({ state: 'cancelled' })
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'pending')))
      .returning({ id: campaignRecipients.id });
    return rows.length;
  }

  async recipients(
    campaignId: string,
    filter: { status?: RecipientStatus },
    page: { limit: number; offset: number },
  ): Promise<RecipientView[]> {
    const where: (SQL | undefined)[] = [
      eq(campaignRecipients.campaignId, campaignId),
      filter.status ? sql`(${recipientStatus}) = ${filter.status}` : undefined,
    ];
    const rows = await this.db
      .select({
        recipient: campaignRecipients,
        status: recipientStatus,
        error: messages.error,
        contactName: contacts.displayName,
      })
      .from(campaignRecipients)
      .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
      .leftJoin(contacts, eq(contacts.id, campaignRecipients.contactId))
      .where(and(...where))
      .orderBy(asc(campaignRecipients.createdAt), asc(campaignRecipients.id))
      .limit(page.limit)
      .offset(page.offset);
    return rows.map((r) => ({ ...r.recipient, status: r.status, error: r.error, contactName: r.contactName }));
  }

  /** Recipient counts by status, plus skip reasons and the funnel totals. */
  async stats(campaignId: string) {
    const byStatus = await this.db
      .select({ status: recipientStatus, n: count() })
      .from(campaignRecipients)
      .leftJoin(messages, eq(messages.id, campaignRecipients.messageId))
      .where(eq(campaignRecipients.campaignId, campaignId))
      .groupBy(recipientStatus);
    const [totals] = await this.db
      .select({
        total: count(),
        opened: sql<number>`count(${campaignRecipients.openedAt})`,
        clicked: sql<number>`count(${campaignRecipients.clickedAt})`,
        unsubscribed: sql<number>`count(${campaignRecipients.unsubscribedAt})`,
        optedOut: sql<number>`count(*) filter (where ${campaignRecipients.skipReason} = 'opted_out')`,
        noAddress: sql<number>`count(*) filter (where ${campaignRecipients.skipReason} = 'no_address')`,
      })
      .from(campaignRecipients)
      .where(eq(campaignRecipients.campaignId, campaignId));
    return {
      byStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])) as Partial<
        Record<RecipientStatus, number>
      >,
      totals: mapNumbers(totals),
    };
  }

  async setStatus(
    tx: DatabaseExecutor,
    id: string,
    from: CampaignStatus[],
    values: Partial<typeof campaigns.$inferInsert>,
  ): Promise<CampaignRow | undefined> {
    const [row] = await tx
      .update(campaigns)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(campaigns.id, id), inArray(campaigns.status, from)))
      .returning();
    return row;
  }

  async contactConsent(tx: DatabaseExecutor, contactId: string) {
    const [row] = await tx
      .select({
        id: contacts.id,
        consent: contacts.consent,
        erasedAt: contacts.erasedAt,
        responsibleUserId: contacts.responsibleUserId,
      })
      .from(contacts)
      .where(eq(contacts.id, contactId))
      .limit(1);
    return row;
  }

  async templateName(id: string, tx: DatabaseExecutor = this.db): Promise<string | undefined> {
    const [row] = await tx
      .select({ name: messageTemplates.name })
      .from(messageTemplates)
      .where(eq(messageTemplates.id, id))
      .limit(1);
    return row?.name;
  }

  /** An inbound message with the chat it came from (for SMS keywords). */
  async inboundMessage(messageId: string): Promise<
    | {
        text: string | null;
        providerChatId: string;
        channelAccountId: string;
        contactId: string;
        cardId: string | null;
      }
    | undefined
  > {
    const [row] = await this.db
      .select({
        text: messages.text,
        providerChatId: conversations.providerChatId,
        channelAccountId: conversations.channelAccountId,
        contactId: conversations.contactId,
        cardId: conversations.cardId,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(messages.id, messageId), eq(messages.direction, 'in')))
      .limit(1);
    return row;
  }

  async setContactConsent(tx: DatabaseExecutor, contactId: string, consent: ContactConsent): Promise<void> {
    await tx.update(contacts).set({ consent, updatedAt: new Date() }).where(eq(contacts.id, contactId));
  }
}

function mapNumbers<T extends Record<string, unknown>>(row: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as { [K in keyof T]: number };
}
