import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ChannelAccountsService } from '../conversations/channel-accounts.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Public links of a campaign e-mail (open pixel, click redirect, unsubscribe): `<recipient id>.<HMAC>`, unforgeable. */
@Injectable()
export class TrackingTokens {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    accounts: ChannelAccountsService,
  ) {
    this.key = accounts.derivedKey('campaign-tracking');
  }

  /** PUBLIC_URL without a trailing slash; undefined when it is not configured. */
  get baseUrl(): string | undefined {
    return this.config.http.publicUrl?.replace(/\/+$/, '');
  }

  sign(recipientId: string): string {
    return `${recipientId}.${this.mac(recipientId)}`;
  }

  /** The recipient id of a valid token, else undefined. */
  verify(token: string): string | undefined {
    const [id, mac] = token.split('.');
    if (!id || !mac || !UUID.test(id)) return undefined;
    const expected = Buffer.from(this.mac(id));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }

  links(recipientId: string, base: string) {
    const token = this.sign(recipientId);
    return {
      unsubscribeUrl: `${base}/api/t/u/${token}`,
      trackingPixelUrl: `${base}/api/t/o/${token}.gif`,
      clickUrl: (index: number) => `${base}/api/t/c/${token}/${index}`,
    };
  }

  private mac(id: string): string {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, 16).toString('base64url');
  }
}
