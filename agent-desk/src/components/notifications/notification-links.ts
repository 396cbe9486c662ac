import type { RouteLocationRaw } from 'vue-router';
import type { StaffNotification } from '@/api/notifications-api';

/** Where a notification leads in the desk (the same targets the server's e-mail and Telegram links use). */
export function notificationTarget(
  notification: Pick<StaffNotification, 'entityType' | 'entityId'>,
): RouteLocationRaw | null {
  const id = notification.entityId;
  if (!id) return null;
  switch (notification.entityType) {
    case 'consultation_card':
      return { path: `/cards/${encodeURIComponent(id)}` };
    case 'task':
      return { path: '/tasks' };
    case 'call':
      return { path: '/calls' };
    case 'conversation':
      return { path: `/inbox/${encodeURIComponent(id)}` };
    default:
      return null;
  }
}
