import twilio from 'twilio';
import type SdkRequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * The SDK's own RequestClient (axios, form encoding, Basic auth) with the Twilio origin swapped
 * for `baseUrl`, so the real SDK request path can talk to a local server or a proxy.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly baseUrl: URL;

  constructor(baseUrl: string) {
    super({});
    this.baseUrl = new URL(baseUrl);
  }

  override request<TData>(opts: SdkRequestClient.RequestOptions<TData>) {
    const target = new URL(opts.uri);
    const rewritten = new URL(`${target.pathname}${target.search}`, this.baseUrl);
    return super.request<TData>({ ...opts, uri: rewritten.href });
  }
}
