import { api } from './api-client';

export const NOTIFICATION_KINDS = [
  'automation',
  'card_stuck',
  'task_overdue',
  'call_missed',
  'message_received',
  'task_assigned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_CHANNELS = ['in_app', 'email', 'telegram'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** One staff notification (the bell's list, and the `notification:new` socket event). */
export type StaffNotification = {
  id: string;
  userId: string;
  kind: NotificationKind | string;
  title: string;
  body: string;
  /** What it is about: `consultation_card`, `task`, `call`, `conversation`. */
  entityType: string | null;
  entityId: string | null;
  deliveries: Partial<
    Record<'email' | 'telegram', { status: 'queued' | 'sent' | 'failed'; at: string; error?: string }>
  >;
  readAt: string | null;
  createdAt: string;
};

export type NotificationPage = { items: StaffNotification[]; unread: number };
export type NotificationPreference = { kind: NotificationKind; channels: NotificationChannel[] };
export type NotificationPreferences = {
  /** E-mail and Telegram copies work only where the server has them set up. */
  channelsAvailable: { in_app: true; email: boolean; telegram: boolean };
  telegramLinked: boolean;
  preferences: NotificationPreference[];
};

export type TelegramLinkOffer = { url: string; expiresAt: string };

/** The signed-in user's notifications (`/api/me/notifications*`) and where they want them. */
export const notificationsApi = {
  list(query: { unread?: boolean; limit?: number; offset?: number } = {}): Promise<NotificationPage> {
    return api.get<NotificationPage>('/me/notifications', { query: { limit: 30, ...query } });
  },
  async unreadCount(): Promise<number> {
    return (await api.get<{ unread: number }>('/me/notifications/unread-count')).unread;
  },
  markRead(ids: string[] | 'all'): Promise<{ marked: number; unread: number }> {
    return api.post('/me/notifications/read', ids === 'all' ? { all: true } : { ids });
  },
  preferences(): Promise<NotificationPreferences> {
    return api.get<NotificationPreferences>('/me/notification-preferences');
  },
  /** 400 with `fields['preferences.<i>.channels']` when a channel is not set up on the server. */
  savePreferences(preferences: NotificationPreference[]): Promise<NotificationPreferences> {
    return api.put<NotificationPreferences>('/me/notification-preferences', { preferences });
  },
  /** A one-time `https://t.me/<bot>?start=<token>` link (15 min); 422 `telegram_not_configured` says which keys. */
  createTelegramLink(): Promise<TelegramLinkOffer> {
    return api.post<TelegramLinkOffer>('/me/telegram-link');
  },
  linkTelegram(chatId: string): Promise<NotificationPreferences> {
    return api.put<NotificationPreferences>('/me/telegram-chat', { chatId });
  },
  unlinkTelegram(): Promise<NotificationPreferences> {
    return api.delete<NotificationPreferences>('/me/telegram-chat');
  },
};
