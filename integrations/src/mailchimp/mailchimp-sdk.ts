import { createRequire } from 'node:module';

/** The slice of @mailchimp/mailchimp_marketing's ApiClient this package uses. */
export type MailchimpSdkClient = {
  basePath: string;
  setConfig(config: { apiKey: string; server: string }): void;
  lists: {
    setListMember(listId: string, subscriberHash: string, body: object): Promise<MailchimpMemberResponse>;
    updateListMemberTags(listId: string, subscriberHash: string, body: object): Promise<unknown>;
    getAllLists(opts: { count?: number; offset?: number; fields?: string[] }): Promise<MailchimpListsResponse>;
    getList(listId: string, opts?: object): Promise<MailchimpListsResponse['lists'][number]>;
    listSegments(listId: string, opts?: object): Promise<MailchimpSegmentsResponse>;
    createSegmentMember(listId: string, segmentId: string, body: object): Promise<MailchimpMemberResponse>;
    deleteListMember(listId: string, subscriberHash: string): Promise<unknown>;
  };
  campaigns: { list(opts?: object): Promise<MailchimpCampaignsResponse> };
  reports: { getAllCampaignReports(opts?: object): Promise<MailchimpReportsResponse> };
  ping: { get(): Promise<{ health_status: string }> };
};

export type MailchimpSegmentsResponse = {
  segments: { id: number; name: string; member_count?: number; type: string }[];
  total_items: number;
};
export type MailchimpCampaignsResponse = {
  campaigns: {
    id: string;
    status: string;
    send_time?: string;
    settings?: { title?: string; subject_line?: string };
    recipients?: { list_id?: string; segment_text?: string; segment_opts?: { saved_segment_id?: number } };
  }[];
  total_items: number;
};
export type MailchimpReportsResponse = {
  reports: {
    id: string;
    campaign_title: string;
    subject_line?: string;
    list_id?: string;
    send_time?: string;
    emails_sent: number;
    unsubscribed?: number;
    bounces?: { hard_bounces?: number; soft_bounces?: number };
    opens?: { opens_total?: number; unique_opens?: number; open_rate?: number };
    clicks?: { clicks_total?: number; unique_subscriber_clicks?: number; click_rate?: number };
  }[];
  total_items: number;
};

export type MailchimpMemberResponse = { id: string; email_address: string; status: string; unique_email_id?: string };
export type MailchimpListsResponse = {
  lists: { id: string; name: string; stats?: { member_count?: number } }[];
  total_items: number;
};

/**
 * The package's default export is a process-wide singleton (ApiClient.instance); a fresh ApiClient
 * per config keeps accounts and test servers apart.
 */
export function createMailchimpSdkClient(): MailchimpSdkClient {
  const require = createRequire(import.meta.url);
  const ApiClient = require('@mailchimp/mailchimp_marketing/src/ApiClient.js') as new () => MailchimpSdkClient;
  return new ApiClient();
}
