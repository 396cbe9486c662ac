import { createRequire } from 'node:module';

/** The slice of @mailchimp/mailchimp_marketing's ApiClient this package uses. */
export type MailchimpSdkClient = {
  basePath: string;
  setConfig(config: { apiKey: string; server: string }): void;
  lists: {
    setListMember(listId: string, subscriberHash: string, body: object): Promise<MailchimpMemberResponse>;
    updateListMemberTags(listId: string, subscriberHash: string, body: object): Promise<unknown>;
    getAllLists(opts: { count?: number; offset?: number; fields?: string[] }): Promise<MailchimpListsResponse>;
  };
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
