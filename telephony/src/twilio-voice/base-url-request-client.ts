import twilio from 'twilio';
import type SdkRequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * The SDK's own RequestClient (form encoding, Basic auth, retries) with the Twilio origin swapped
 * for `baseUrl`, so the real SDK request path can talk to a local server or an egress proxy.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly baseUrl: URL;

  constructor(baseUrl: string) {
    super({});
    this.baseUrl = new URL(baseUrl);
  }

  override request<TData>(options: SdkRequestClient.RequestOptions<TData>) {
    const target = new URL(options.uri);
    const rewritten = new URL(`${target.pathname}${target.search}`, this.baseUrl);
    return super.request<TData>({ ...options, uri: rewritten.href });
  }
}
