import type { NotificationsMessages } from './notifications.ro';

const notifications: NotificationsMessages = {
  bell: 'Notifications',
  bellUnread: 'Notifications, {n} unread',
  title: 'Notifications',
  empty: 'No notifications.',
  markAll: 'Mark all read',
  markRead: 'Mark read',
  unreadBadge: 'unread',
  preferences: 'Preferences',
  settingsTitle: 'Notification preferences',
  settingsIntro: 'Choose, for each kind, where notifications reach you.',
  kind: 'Kind',
  saved: 'Preferences saved.',
  notSetUp: 'not set up on the server',
  loadMore: 'Older',
  kinds: {
    automation: 'Automation rules',
    card_stuck: 'Consultation stuck in a stage',
    task_overdue: 'Overdue task',
    call_missed: 'Missed call',
    message_received: 'New message',
    task_assigned: 'Task assigned',
  },
  channels: { in_app: 'In the app', email: 'E-mail', telegram: 'Telegram' },
  telegram: {
    title: 'Telegram',
    linked: 'Your Telegram account is linked.',
    notLinked: 'Start the notification bot in Telegram and enter the chat id here.',
    chatId: 'Telegram chat id',
    link: 'Link',
    unlink: 'Unlink',
    linkedToast: 'Telegram linked.',
    unlinkedToast: 'Telegram unlinked.',
    unavailable: 'Telegram notifications are not set up on this server.',
  },
};
export default notifications;
