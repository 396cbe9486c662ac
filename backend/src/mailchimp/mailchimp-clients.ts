import { Inject, Injectable } from '@nestjs/common';
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
