import { api } from './api-client';

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const RECIPIENT_STATUSES = [
  'pending',
  'queued',
  'sent',
  'delivered',
  'failed',
  'skipped',
  'opened',
  'clicked',
  'unsubscribed',
  'cancelled',
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];
export type CampaignAction = 'start' | 'pause' | 'resume' | 'cancel';

/** A mass campaign (`/api/campaigns`, needs `campaigns.send`): a template to a saved segment through one channel account. */
export type Campaign = {
  id: string;
  name: string;
  templateId: string;
  segmentId: string;
  channelAccountId: string;
  status: CampaignStatus;
  ratePerMinute: number;
  taskOnOpen: boolean;
  trackOpens: boolean;
  trackClicks: boolean;
  createdBy: string | null;
  startedAt?: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type CampaignStats = {
  byStatus: Partial<Record<RecipientStatus, number>>;
  totals: { total: number; opened: number; clicked: number; unsubscribed: number; optedOut: number; noAddress: number };
};
export type CampaignWithStats = Campaign & { stats: CampaignStats };

export type CampaignRecipient = {
  id: string;
  campaignId: string;
  contactId: string;
  contactName: string | null;
  cardId: string | null;
  address: string | null;
  state: string;
  skipReason: 'opted_out' | 'no_address' | 'erased' | 'address_in_use' | null;
  status: RecipientStatus;
  error: string | null;
  openedAt?: string | null;
  clickedAt?: string | null;
  clickCount: number;
};

export type NewCampaign = {
  name: string;
  templateId: string;
  segmentId: string;
  channelAccountId: string;
  ratePerMinute?: number;
  taskOnOpen: boolean;
  trackOpens: boolean;
  trackClicks: boolean;
};

export type Segment = { id: string; name: string; description?: string | null };
export type ChannelAccount = { id: string; channel: string; name: string; provider: string; active?: boolean };

const id = encodeURIComponent;

export const campaignsApi = {
  list: () => api.get<Campaign[]>('/campaigns'),
  get: (campaignId: string) => api.get<CampaignWithStats>(`/campaigns/${id(campaignId)}`),
  /** 400 with `fields` (template, segment, account that do not fit together). */
  create: (input: NewCampaign) => api.post<Campaign>('/campaigns', input),
  /** 409 when the campaign's status does not allow it (e.g. pausing a draft). */
  act: (campaignId: string, action: CampaignAction) => api.post<Campaign>(`/campaigns/${id(campaignId)}/${action}`),
  recipients: (campaignId: string, query: { status?: RecipientStatus; limit?: number; offset?: number } = {}) =>
    api.get<CampaignRecipient[]>(`/campaigns/${id(campaignId)}/recipients`, { query: { limit: 50, ...query } }),
  segments: () => api.get<Segment[]>('/segments'),
  /** Active accounts to send from, without their settings (needs `campaigns.send`). */
  channelAccounts: () => api.get<ChannelAccount[]>('/channel-accounts/senders'),
};

/** The actions a campaign in this status offers. */
export function campaignActions(status: CampaignStatus): CampaignAction[] {
  switch (status) {
    case 'draft':
      return ['start', 'cancel'];
    case 'running':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    default:
      return [];
  }
}
