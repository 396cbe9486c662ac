export type MetaMessagingConfig = {
  /** 'messenger' for a Facebook Page, 'instagram' for an Instagram professional account linked to it. */
  channel: 'messenger' | 'instagram';
  /** App secret: key of the X-Hub-Signature-256 HMAC. */
  appSecret: string;
  /** The verify token typed into the app's webhook settings (echoed as hub.verify_token). */
  verifyToken: string;
  /** Page access token used by the Send API. */
  pageAccessToken: string;
  /** Defaults to https://graph.facebook.com; override for tests or a proxy. */
  graphApiBaseUrl?: string;
  /** Defaults to META_DEFAULT_GRAPH_API_VERSION. */
  graphApiVersion?: string;
};

export const META_DEFAULT_GRAPH_API_BASE_URL = 'https://graph.facebook.com';
export const META_DEFAULT_GRAPH_API_VERSION = 'v23.0';
