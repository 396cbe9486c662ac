import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MailchimpAudienceClient } from '@consult-crm/integrations';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { EncryptedConfig } from '../conversations/conversations.schema.js';
import { SecretBox } from '../conversations/secret-box.js';
import type { MailchimpAudienceRow } from './mailchimp.schema.js';

export type MailchimpCredentials = { apiKey: string };

/** Seals API keys with SECRETS_KEY and builds the Marketing API client of an audience. */
@Injectable()
export class MailchimpClients {
  private readonly box: SecretBox;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.box = SecretBox.fromConfig(config.messaging.secretsKey, config.database.dataDir);
  }

  /**
   * The secret in an audience's webhook URL (Mailchimp does not sign webhooks): an HMAC of the audience id with a key
   * derived from SECRETS_KEY, so nothing is stored and rotating SECRETS_KEY rotates it.
   */
  webhookSecret(audienceId: string): string {
    return createHmac('sha256', this.box.derive('mailchimp-webhook'))
      .update(audienceId)
      .digest('base64url')
      .slice(0, 32);
  }

  /** Constant-time comparison of a webhook URL's secret. */
  isWebhookSecret(audienceId: string, candidate: string): boolean {
    const expected = Buffer.from(this.webhookSecret(audienceId));
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  seal(credentials: MailchimpCredentials): EncryptedConfig {
    return this.box.seal(credentials);
  }

  clientFor(connection: { apiKey: string; serverPrefix: string }): MailchimpAudienceClient {
    return new MailchimpAudienceClient({
      apiKey: connection.apiKey,
      serverPrefix: connection.serverPrefix,
      apiBaseUrl: this.config.mailchimp.apiBaseUrl,
    });
  }

  forAudience(audience: MailchimpAudienceRow): MailchimpAudienceClient {
    const { apiKey } = this.box.open<MailchimpCredentials>(audience.credentials);
    return this.clientFor({ apiKey, serverPrefix: audience.serverPrefix });
  }
}
