import type { NotificationsMessages } from './notifications.ro';

const notifications: NotificationsMessages = {
  bell: 'Уведомления',
  bellUnread: 'Уведомления, непрочитанных: {n}',
  title: 'Уведомления',
  empty: 'Уведомлений нет.',
  markAll: 'Отметить все прочитанными',
  markRead: 'Отметить прочитанным',
  unreadBadge: 'не прочитано',
  preferences: 'Настройки',
  settingsTitle: 'Настройки уведомлений',
  settingsIntro: 'Выберите для каждого типа, куда приходят уведомления.',
  kind: 'Тип',
  saved: 'Настройки сохранены.',
  notSetUp: 'не настроено на сервере',
  loadMore: 'Более ранние',
  kinds: {
    automation: 'Автоматические правила',
    card_stuck: 'Консультация застряла на этапе',
    task_overdue: 'Просроченная задача',
    call_missed: 'Пропущенный звонок',
    message_received: 'Новое сообщение',
    task_assigned: 'Назначена задача',
  },
  channels: { in_app: 'В приложении', email: 'E-mail', telegram: 'Telegram' },
  telegram: {
    title: 'Telegram',
    linked: 'Аккаунт Telegram подключён.',
    notLinked: 'Запустите бота уведомлений в Telegram и введите здесь ID чата.',
    chatId: 'ID чата Telegram',
    link: 'Подключить',
    unlink: 'Отключить',
    linkedToast: 'Telegram подключён.',
    unlinkedToast: 'Telegram отключён.',
    unavailable: 'Уведомления через Telegram не настроены на этом сервере.',
  },
};
export default notifications;
