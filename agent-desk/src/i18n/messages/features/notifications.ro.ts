/** Notifications (the bell and /notifications) — Romanian, the source of the keys. */
const notifications = {
  bell: 'Notificări',
  bellUnread: 'Notificări, {n} necitite',
  title: 'Notificări',
  empty: 'Nicio notificare.',
  markAll: 'Marchează toate citite',
  markRead: 'Marchează citită',
  unreadBadge: 'necitită',
  preferences: 'Preferințe',
  settingsTitle: 'Preferințe de notificare',
  settingsIntro: 'Alegeți, pentru fiecare tip, unde primiți notificările.',
  kind: 'Tip',
  saved: 'Preferințele au fost salvate.',
  notSetUp: 'nu este configurat pe server',
  loadMore: 'Mai vechi',
  kinds: {
    automation: 'Reguli automate',
    card_stuck: 'Consultație blocată în etapă',
    task_overdue: 'Sarcină restantă',
    call_missed: 'Apel pierdut',
    message_received: 'Mesaj nou',
    task_assigned: 'Sarcină atribuită',
  },
  channels: { in_app: 'În aplicație', email: 'E-mail', telegram: 'Telegram' },
  telegram: {
    title: 'Telegram',
    linked: 'Contul Telegram este conectat.',
    notLinked: 'Porniți botul de notificări în Telegram și introduceți aici ID-ul chatului.',
    chatId: 'ID-ul chatului Telegram',
    link: 'Conectează',
    unlink: 'Deconectează',
    linkedToast: 'Telegram a fost conectat.',
    unlinkedToast: 'Telegram a fost deconectat.',
    unavailable: 'Notificările prin Telegram nu sunt configurate pe acest server.',
  },
};
export default notifications;
export type NotificationsMessages = typeof notifications;
