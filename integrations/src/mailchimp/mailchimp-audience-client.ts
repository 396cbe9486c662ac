import { serverPrefixOf, type MailchimpConfig } from './mailchimp-config.js';
import { createMailchimpSdkClient, type MailchimpSdkClient } from './mailchimp-sdk.js';
import { subscriberHash } from './subscriber-hash.js';

export type MailchimpMemberStatus = 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional';

export type AudienceMemberUpsert = {
  listId: string;
  email: string;
  /** Used only when the member is new; an existing member keeps their status unless `status` is set. */
  statusIfNew: MailchimpMemberStatus;
  status?: MailchimpMemberStatus;
  mergeFields?: Record<string, string | number>;
  language?: string;
};

export type AudienceMember = { subscriberHash: string; email: string; status: string };

export type MemberTagChange = { name: string; active: boolean };

export type AudienceSummary = { id: string; name: string; memberCount?: number };

export type AudienceSegment = { id: number; name: string; memberCount?: number; type: string };

export type CampaignSummary = {
  id: string;
  title: string;
  subject: string | null;
  status: string;
  sendTime: string | null;
  /** The saved segment (or tag) the campaign is sent to, when it targets one. */
  segmentId: number | null;
  segmentText: string | null;
};

export type CampaignReport = {
  campaignId: string;
  title: string;
  subject: string | null;
  listId: string | null;
  sendTime: string | null;
  emailsSent: number;
  opensTotal: number;
  uniqueOpens: number;
  openRate: number;
  clicksTotal: number;
  uniqueClicks: number;
  clickRate: number;
  unsubscribed: number;
  hardBounces: number;
  softBounces: number;
};

/** A refused Marketing API call; `retryable` for 429 (too many requests / connections) and 5xx. */
export class MailchimpApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.status === undefined || this.status === 429 || this.status >= 500;
  }
}

/** Keeps Mailchimp audiences in step with CRM contacts (campaign opt-ins, segments as tags). */
export class MailchimpAudienceClient {
  private readonly sdk: MailchimpSdkClient;

  constructor(config: MailchimpConfig) {
    this.sdk = createMailchimpSdkClient();
    if (config.apiBaseUrl) this.sdk.basePath = config.apiBaseUrl.replace(/\/+$/, '');
    this.sdk.setConfig({ apiKey: config.apiKey, server: serverPrefixOf(config) });
  }

  /** PUT /lists/{list_id}/members/{subscriber_hash}: create or update in one idempotent call. */
  async upsertMember(member: AudienceMemberUpsert): Promise<AudienceMember> {
    const hash = subscriberHash(member.email);
    const body = {
      email_address: member.email,
      status_if_new: member.statusIfNew,
      ...(member.status ? { status: member.status } : {}),
      ...(member.mergeFields ? { merge_fields: member.mergeFields } : {}),
      ...(member.language ? { language: member.language } : {}),
    };
    const response = await callMailchimp('upsert member', () =>
      this.sdk.lists.setListMember(member.listId, hash, body),
    );
    return { subscriberHash: response.id, email: response.email_address, status: response.status };
  }

  /** POST /lists/{list_id}/members/{subscriber_hash}/tags: tags not listed are left as they are. */
  async updateMemberTags(listId: string, email: string, tags: MemberTagChange[]): Promise<void> {
    const body = { tags: tags.map((tag) => ({ name: tag.name, status: tag.active ? 'active' : 'inactive' })) };
    await callMailchimp('update member tags', () =>
      this.sdk.lists.updateListMemberTags(listId, subscriberHash(email), body),
    );
  }

  /** DELETE /lists/{list_id}/members/{subscriber_hash}: archives the member (kept in reports, no more e-mails). */
  async archiveMember(listId: string, hash: string): Promise<void> {
    await callMailchimp('archive member', () => this.sdk.lists.deleteListMember(listId, hash));
  }

  /** GET /ping: the key and data centre work. */
  async ping(): Promise<string> {
    const response = await callMailchimp('ping', () => this.sdk.ping.get());
    return response.health_status;
  }

  /** GET /lists/{list_id}. */
  async getAudience(listId: string): Promise<AudienceSummary> {
    const list = await callMailchimp('get audience', () => this.sdk.lists.getList(listId));
    return { id: list.id, name: list.name, memberCount: list.stats?.member_count };
  }

  /** GET /lists/{list_id}/segments: saved and static segments (tags are static segments). */
  async listSegments(
    listId: string,
    page: { count?: number; offset?: number; type?: 'saved' | 'static' | 'fuzzy' } = {},
  ): Promise<AudienceSegment[]> {
    const response = await callMailchimp('list segments', () =>
      this.sdk.lists.listSegments(listId, { count: page.count ?? 100, offset: page.offset ?? 0, type: page.type }),
    );
    return response.segments.map((s) => ({ id: s.id, name: s.name, memberCount: s.member_count, type: s.type }));
  }

  /** POST /lists/{list_id}/segments/{segment_id}/members: adds an existing member to a static segment (tag). */
  async addSegmentMember(listId: string, segmentId: number, email: string): Promise<void> {
    await callMailchimp('add segment member', () =>
      this.sdk.lists.createSegmentMember(listId, String(segmentId), { email_address: email }),
    );
  }

  /** GET /campaigns?list_id=…: the audience's campaigns, newest first. */
  async listCampaigns(listId: string, page: { count?: number; offset?: number } = {}): Promise<CampaignSummary[]> {
    const response = await callMailchimp('list campaigns', () =>
      this.sdk.campaigns.list({
        listId,
        count: page.count ?? 100,
        offset: page.offset ?? 0,
        sortField: 'create_time',
        sortDir: 'DESC',
      }),
    );
    return response.campaigns.map((c) => ({
      id: c.id,
      title: c.settings?.title ?? c.id,
      subject: c.settings?.subject_line ?? null,
      status: c.status,
      sendTime: c.send_time || null,
      segmentId: c.recipients?.segment_opts?.saved_segment_id ?? null,
      segmentText: c.recipients?.segment_text ?? null,
    }));
  }

  /** GET /reports: sent campaigns' opens, clicks, unsubscribes and bounces (all pages since `sinceSendTime`). */
  async listCampaignReports(options: { sinceSendTime?: string; pageSize?: number } = {}): Promise<CampaignReport[]> {
    const count = options.pageSize ?? 100;
    const reports: CampaignReport[] = [];
    for (let offset = 0; ; offset += count) {
      const response = await callMailchimp('list campaign reports', () =>
        this.sdk.reports.getAllCampaignReports({ count, offset, sinceSendTime: options.sinceSendTime }),
      );
      for (const r of response.reports)
        reports.push({
          campaignId: r.id,
          title: r.campaign_title,
          subject: r.subject_line ?? null,
          listId: r.list_id ?? null,
          sendTime: r.send_time || null,
          emailsSent: r.emails_sent ?? 0,
          opensTotal: r.opens?.opens_total ?? 0,
          uniqueOpens: r.opens?.unique_opens ?? 0,
          openRate: r.opens?.open_rate ?? 0,
          clicksTotal: r.clicks?.clicks_total ?? 0,
          uniqueClicks: r.clicks?.unique_subscriber_clicks ?? 0,
          clickRate: r.clicks?.click_rate ?? 0,
          unsubscribed: r.unsubscribed ?? 0,
          hardBounces: r.bounces?.hard_bounces ?? 0,
          softBounces: r.bounces?.soft_bounces ?? 0,
        });
      if (response.reports.length < count || offset + count >= response.total_items) return reports;
    }
  }

  async listAudiences(page: { count?: number; offset?: number } = {}): Promise<AudienceSummary[]> {
    const response = await callMailchimp('list audiences', () =>
      this.sdk.lists.getAllLists({ count: page.count ?? 100, offset: page.offset ?? 0 }),
    );
    return response.lists.map((list) => ({ id: list.id, name: list.name, memberCount: list.stats?.member_count }));
  }
}

type SuperagentError = { status?: number; response?: { body?: { title?: string; detail?: string } } };

/** Turns the SDK's superagent error into a message that says what Mailchimp objected to. */
async function callMailchimp<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const problem = (error as SuperagentError).response?.body;
    const status = (error as SuperagentError).status;
    if (problem?.title || problem?.detail) {
      throw new MailchimpApiError(
        `Mailchimp ${operation} failed (${status ?? 'no status'}): ${problem.title ?? ''} ${problem.detail ?? ''}`.trim(),
        status,
      );
    }
    throw new MailchimpApiError(
      `Mailchimp ${operation} failed (${status ?? 'no response'}): ${(error as Error).message}`,
      status,
    );
  }
}
