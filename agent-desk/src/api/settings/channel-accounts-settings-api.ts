import { api } from '../api-client';

/** A connected messaging account as the server shows it: secret values come back masked (`********`). */
export type ChannelAccount = {
  id: string;
  provider: string;
  channel: string;
  name: string;
  config: Record<string, unknown>;
  departmentId: string | null;
  defaultResponsibleUserId: string | null;
  createCardForNewContacts: boolean;
  ratePerSecond: number;
  active: boolean;
  webhookPath: string;
};

export type ChannelAccountInput = {
  provider: string;
  channel?: string;
  name: string;
  config: Record<string, unknown>;
  departmentId: string | null;
  defaultResponsibleUserId: string | null;
  createCardForNewContacts: boolean;
  ratePerSecond: number;
  active: boolean;
};
export type ChannelAccountPatch = Partial<Omit<ChannelAccountInput, 'provider'>> & { rotateWebhookToken?: boolean };

/** The value the server puts in place of a secret; sent back, it keeps the stored one. */
export const SECRET_MASK = '********';

const id = encodeURIComponent;

export const channelAccountsSettingsApi = {
  list: () => api.get<ChannelAccount[]>('/channel-accounts'),
  create: (input: ChannelAccountInput) => api.post<ChannelAccount>('/channel-accounts', input),
  update: (accountId: string, patch: ChannelAccountPatch) =>
    api.patch<ChannelAccount>(`/channel-accounts/${id(accountId)}`, patch),
};
