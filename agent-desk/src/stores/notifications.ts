import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { ApiError } from '@/api/api-error';
import { notificationsApi, type StaffNotification } from '@/api/notifications-api';
import { useRealtimeStore } from './realtime';

export const NOTIFICATION_EVENT = 'notification:new';

/**
 * The bell: the unread count (kept live by `notification:new` and refreshed after a reconnect, when pushes may have
 * been missed) and the latest notifications, loaded when the list is opened.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<StaffNotification[]>([]);
  const unread = ref(0);
  const loading = ref(false);
  const error = ref<unknown>(null);
  const available = ref(true);
  let stops: Array<() => void> = [];

  function start(): void {
    stop();
    const realtime = useRealtimeStore();
    stops.push(realtime.on(NOTIFICATION_EVENT, (payload) => receive(payload as StaffNotification)));
    stops.push(
      watch(
        () => realtime.status,
        (status, before) => {
          if (status === 'connected' && before === 'disconnected') void refreshCount();
        },
      ),
    );
    void refreshCount();
  }

  function stop(): void {
    stops.forEach((off) => off());
    stops = [];
  }

  async function refreshCount(): Promise<void> {
    try {
      unread.value = await notificationsApi.unreadCount();
      available.value = true;
    } catch (e) {
      if (e instanceof ApiError && e.isMissingRoute) available.value = false;
    }
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const page = await notificationsApi.list();
      items.value = page.items;
      unread.value = page.unread;
    } catch (e) {
      error.value = e;
    } finally {
      loading.value = false;
    }
  }

  /** A live push: shown on top once (a reconnect may deliver what the list already has). */
  function receive(notification: StaffNotification): void {
    if (!notification?.id || items.value.some((n) => n.id === notification.id)) return;
    items.value = [notification, ...items.value].slice(0, 100);
    if (!notification.readAt) unread.value += 1;
  }

  async function markRead(ids: string[] | 'all'): Promise<void> {
    const targets = ids === 'all' ? null : new Set(ids);
    const now = new Date().toISOString();
    const before = items.value;
    items.value = items.value.map((n) => (!n.readAt && (!targets || targets.has(n.id)) ? { ...n, readAt: now } : n));
    try {
      unread.value = (await notificationsApi.markRead(ids)).unread;
    } catch (e) {
      items.value = before;
      throw e;
    }
  }

  return { items, unread, loading, error, available, start, stop, refreshCount, load, receive, markRead };
});
