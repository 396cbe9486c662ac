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
      throw new Error(
        `Mailchimp ${operation} failed (${status ?? 'no status'}): ${problem.title ?? ''} ${problem.detail ?? ''}`.trim(),
      );
    }
    throw error;
  }
}
