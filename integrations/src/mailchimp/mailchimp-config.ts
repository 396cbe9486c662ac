export type MailchimpConfig = {
  /** Marketing API key, e.g. "0123abcd...-us21". */
  apiKey: string;
  /** Data-centre prefix ("us21"); taken from the API key suffix when omitted. */
  serverPrefix?: string;
  /** Replaces the SDK's basePath (https://server.api.mailchimp.com/3.0) — for tests; include /3.0. */
  apiBaseUrl?: string;
};

export function serverPrefixOf(config: MailchimpConfig): string {
  const prefix = config.serverPrefix ?? config.apiKey.split('-').pop();
  if (!prefix || prefix === config.apiKey) {
    throw new Error('Mailchimp config needs serverPrefix (e.g. "us21") or an API key ending in "-us21"');
  }
  return prefix;
}
