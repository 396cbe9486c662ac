import { Injectable } from '@nestjs/common';
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { contacts, type ContactConsent } from '../contacts/contacts.schema.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import {
  mailchimpAudiences,
  mailchimpCampaignReports,
  mailchimpMembers,
  type MailchimpAudienceRow,
  type MailchimpMemberRow,
} from './mailchimp.schema.js';

/** What the CRM knows of a contact that goes to Mailchimp. */
export type ContactForAudience = {
  contactId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  language: string;
  consent: ContactConsent;
  stageNames: string[];
  instruments: string[];
};

/** All SQL of the Mailchimp sync: connected audiences, per-contact sync state, campaign reports. */
@Injectable()
export class MailchimpRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  listAudiences(): Promise<MailchimpAudienceRow[]> {
    return this.db.select().from(mailchimpAudiences).orderBy(asc(mailchimpAudiences.name));
  }

  async findAudience(id: string, tx: DatabaseExecutor = this.db): Promise<MailchimpAudienceRow | undefined> {
    const [row] = await tx.select().from(mailchimpAudiences).where(eq(mailchimpAudiences.id, id)).limit(1);
    return row;
  }

  activeAudiences(): Promise<MailchimpAudienceRow[]> {
    return this.db.select().from(mailchimpAudiences).where(eq(mailchimpAudiences.active, true));
  }

  async insertAudience(
    tx: DatabaseExecutor,
    values: typeof mailchimpAudiences.$inferInsert,
  ): Promise<MailchimpAudienceRow> {
    const [row] = await tx.insert(mailchimpAudiences).values(values).returning();
    return row;
  }

  async updateAudience(
    id: string,
    values: Partial<typeof mailchimpAudiences.$inferInsert>,
    tx: DatabaseExecutor = this.db,
  ): Promise<MailchimpAudienceRow> {
    const [row] = await tx
      .update(mailchimpAudiences)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(mailchimpAudiences.id, id))
      .returning();
    return row;
  }

  /** Contacts with an e-mail, in id order after `afterId`: the scope of an audience without segments. */
  async contactIdsWithEmail(afterId: string | undefined, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(
          isNotNull(contacts.email),
          isNull(contacts.mergedIntoId),
          isNull(contacts.erasedAt),
          afterId ? gt(contacts.id, afterId) : undefined,
        ),
      )
      .orderBy(asc(contacts.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** E-mail, names, primary phone, consent, stage names of active cards and instruments of all cards. */
  async contactsForAudience(contactIds: string[]): Promise<ContactForAudience[]> {
    if (!contactIds.length) return [];
    const result = await this.db
      .execute(sql`select c.id as contact_id, c.email, c.first_name, c.last_name, c.language, c.consent,
        c.merged_into_id, c.erased_at,
        (select p.e164 from contact_phones p where p.contact_id = c.id order by p.is_primary desc, p.created_at limit 1) as phone,
        coalesce((select array_agg(distinct s.name) from consultation_cards k join pipeline_stages s on s.id = k.stage_id
                  where k.contact_id = c.id and k.status = 'active'), '{}') as stage_names,
        coalesce((select array_agg(distinct i) from consultation_cards k, unnest(k.instruments) i where k.contact_id = c.id), '{}') as instruments
      from contacts c where c.id in (${sql.join(
        contactIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) order by c.id`);
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    return rows.map((r) => ({
      contactId: String(r.contact_id),
      email: r.merged_into_id || r.erased_at ? null : ((r.email as string | null) ?? null),
      firstName: (r.first_name as string | null) ?? null,
      lastName: (r.last_name as string | null) ?? null,
      phone: (r.phone as string | null) ?? null,
      language: String(r.language),
      consent: (typeof r.consent === 'string' ? JSON.parse(r.consent) : r.consent) as ContactConsent,
      stageNames: [...asArray(r.stage_names)].sort(),
      instruments: [...asArray(r.instruments)].sort(),
    }));
  }

  async members(
    audienceId: string,
    contactIds: string[],
    tx: DatabaseExecutor = this.db,
  ): Promise<Map<string, MailchimpMemberRow>> {
    if (!contactIds.length) return new Map();
    const rows = await tx
      .select()
      .from(mailchimpMembers)
      .where(and(eq(mailchimpMembers.audienceId, audienceId), inArray(mailchimpMembers.contactId, contactIds)));
    return new Map(rows.map((r) => [r.contactId, r]));
  }

  /** Contacts already in the audience's state that must stay in scope (auto-subscribed, added from a card). */
  async pinnedContactIds(audienceId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: mailchimpMembers.contactId })
      .from(mailchimpMembers)
      .where(and(eq(mailchimpMembers.audienceId, audienceId), isNotNull(mailchimpMembers.pinnedBy)));
    return rows.map((r) => r.id);
  }

  /** Every contact with sync state in the audience (to find those who left its segments). */
  async memberContactIds(audienceId: string): Promise<string[]> {
    const rows = await this.db
      .select({ id: mailchimpMembers.contactId })
      .from(mailchimpMembers)
      .where(eq(mailchimpMembers.audienceId, audienceId));
    return rows.map((r) => r.id);
  }

  async saveMember(values: typeof mailchimpMembers.$inferInsert, tx: DatabaseExecutor = this.db): Promise<void> {
    const { audienceId: _a, contactId: _c, ...update } = values;
    await tx
      .insert(mailchimpMembers)
      .values(values)
      .onConflictDoUpdate({
        target: [mailchimpMembers.audienceId, mailchimpMembers.contactId],
        set: { ...update, updatedAt: new Date() },
      });
  }

  /** Keeps a contact in scope: the next syncs push it even when it is in none of the audience's segments. */
  async pin(
    audienceId: string,
    contactId: string,
    pinnedBy: string,
    email: string,
    subscriberHash: string,
    tx: DatabaseExecutor = this.db,
  ): Promise<void> {
    await tx
      .insert(mailchimpMembers)
      .values({ audienceId, contactId, email, subscriberHash, status: 'new', pinnedBy })
      .onConflictDoUpdate({
        target: [mailchimpMembers.audienceId, mailchimpMembers.contactId],
        set: { pinnedBy: sql`coalesce(${mailchimpMembers.pinnedBy}, ${pinnedBy})`, updatedAt: new Date() },
      });
  }

  /** The contact an audience member's e-mail stands for: its sync state first, else a live contact with that e-mail. */
  async contactIdByEmail(
    audienceId: string,
    email: string,
    tx: DatabaseExecutor = this.db,
  ): Promise<string | undefined> {
    const [member] = await tx
      .select({ contactId: mailchimpMembers.contactId })
      .from(mailchimpMembers)
      .where(and(eq(mailchimpMembers.audienceId, audienceId), sql`lower(${mailchimpMembers.email}) = lower(${email})`))
      .limit(1);
    if (member) return member.contactId;
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .where(
        and(sql`lower(${contacts.email}) = lower(${email})`, isNull(contacts.mergedIntoId), isNull(contacts.erasedAt)),
      )
      .orderBy(asc(contacts.createdAt))
      .limit(1);
    return contact?.id;
  }

  async contactEmail(contactId: string, tx: DatabaseExecutor = this.db): Promise<string | null | undefined> {
    const [row] = await tx.select({ email: contacts.email }).from(contacts).where(eq(contacts.id, contactId)).limit(1);
    return row ? row.email : undefined;
  }

  async setContactEmail(tx: DatabaseExecutor, contactId: string, email: string): Promise<void> {
    await tx.update(contacts).set({ email, updatedAt: new Date() }).where(eq(contacts.id, contactId));
  }

  async upsertCampaignReport(values: typeof mailchimpCampaignReports.$inferInsert): Promise<void> {
    const { audienceId: _a, campaignId: _c, ...update } = values;
    await this.db
      .insert(mailchimpCampaignReports)
      .values(values)
      .onConflictDoUpdate({
        target: [mailchimpCampaignReports.audienceId, mailchimpCampaignReports.campaignId],
        set: { ...update, syncedAt: new Date() },
      });
  }
}

/** text[] from either driver (node-postgres parses it; a raw literal "{a,b}" is parsed here). */
function asArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value === 'string' && value.startsWith('{'))
    return value
      .slice(1, -1)
      .split(',')
      .filter(Boolean)
      .map((v) => v.replace(/^"|"$/g, ''));
  return [];
}
