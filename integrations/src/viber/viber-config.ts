export type ViberConfig = {
  /** Bot (public account) auth token: key of X-Viber-Content-Signature and value of X-Viber-Auth-Token. */
  authToken: string;
  /** Sender name shown to the user (max 28 characters). */
  senderName: string;
  senderAvatarUrl?: string;
  /** Defaults to https://chatapi.viber.com/pa (the viber-bot SDK's API_URL); override for tests. */
  apiBaseUrl?: string;
};

export const VIBER_DEFAULT_API_BASE_URL = 'https://chatapi.viber.com/pa';
