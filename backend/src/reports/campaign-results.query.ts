import { Injectable } from '@nestjs/common';
import { and, asc, sql } from 'drizzle-orm';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { mailchimpCampaignReports } from '../mailchimp/mailchimp.schema.js';

export type CampaignResult = {
  source: string;
  campaignId: string;
  name: string;
  subject: string | null;
  sentAt: string | null;
  recipients: number;
  uniqueOpens: number;
  openRate: number;
  uniqueClicks: number;
  clickRate: number;
  unsubscribed: number;
  bounced: number;
};

/**
 * Campaign results of the dashboards, the one file to change when the campaigns domain lands: today they are the
 * Mailchimp campaign reports the Mailchimp sync pulls (mailchimp_campaign_reports); the campaigns engineer's send
 * and delivery tables can be read here instead (or in addition, with `source: 'crm'`), keeping this shape.
 */
@Injectable()
export class CampaignResultsQuery {
  constructor(@InjectDatabase() private readonly db: Database) {}

  /** Campaigns sent within the local days [from, to]; consultant and pipeline filters do not apply to campaigns. */
  async list(range: { from: string; to: string; timeZone: string }): Promise<CampaignResult[]> {
    const r = mailchimpCampaignReports;
    const start = sql`(${range.from}::date::timestamp at time zone ${range.timeZone})`;
    const end = sql`((${range.to}::date + 1)::timestamp at time zone ${range.timeZone})`;
    const rows = await this.db
      .select()
      .from(r)
      .where(and(sql`${r.sendTime} >= ${start}`, sql`${r.sendTime} < ${end}`))
      .orderBy(asc(r.sendTime), asc(r.campaignId));
    return rows.map((row) => ({
      source: 'mailchimp',
      campaignId: row.campaignId,
      name: row.title,
      subject: row.subjectLine,
      sentAt: row.sendTime?.toISOString() ?? null,
      recipients: row.emailsSent,
      uniqueOpens: row.uniqueOpens,
      openRate: row.openRate,
      uniqueClicks: row.uniqueClicks,
      clickRate: row.clickRate,
      unsubscribed: row.unsubscribed,
      bounced: row.hardBounces + row.softBounces,
    }));
  }
}
