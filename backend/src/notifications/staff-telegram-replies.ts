/** What the staff bot answers, in the user's desk language (`ro` unless `ru` or `en`). */
export type StaffTelegramReply = 'linked' | 'invalidToken' | 'unlinked' | 'notLinked';
export type StaffTelegramLocale = 'ro' | 'ru' | 'en';

const REPLIES: Record<StaffTelegramLocale, Record<StaffTelegramReply, string>> = {
  ro: {
    linked:
      'Gata! Notificările Consult CRM vor sosi aici. Alegeți în Preferințe de notificare ce primiți prin Telegram. Trimiteți /stop pentru a le opri.',
    invalidToken:
      'Acest link nu mai este valabil (a expirat sau a fost deja folosit). Generați unul nou în Consult CRM: Preferințe de notificare → Conectează Telegram.',
    unlinked:
      'Notificările Consult CRM nu mai sosesc în acest chat. Îl puteți reconecta oricând din Preferințe de notificare.',
    notLinked:
      'Acest chat nu primește notificări Consult CRM. Conectați-l din Consult CRM: Preferințe de notificare → Conectează Telegram.',
  },
  ru: {
    linked:
      'Готово! Уведомления Consult CRM будут приходить сюда. Выберите в настройках уведомлений, что получать в Telegram. Отправьте /stop, чтобы отключить.',
    invalidToken:
      'Эта ссылка больше не действует (истекла или уже использована). Создайте новую в Consult CRM: Настройки уведомлений → Подключить Telegram.',
    unlinked: 'Уведомления Consult CRM больше не приходят в этот чат. Подключить снова можно в настройках уведомлений.',
    notLinked:
      'Этот чат не получает уведомления Consult CRM. Подключите его в Consult CRM: Настройки уведомлений → Подключить Telegram.',
  },
  en: {
    linked:
      'Done! Consult CRM notifications will arrive here. Choose in Notification preferences what reaches you on Telegram. Send /stop to turn them off.',
    invalidToken:
      'This link is no longer valid (it expired or was already used). Generate a new one in Consult CRM: Notification preferences → Connect Telegram.',
    unlinked:
      'Consult CRM notifications no longer arrive in this chat. You can connect it again in Notification preferences.',
    notLinked:
      'This chat does not receive Consult CRM notifications. Connect it in Consult CRM: Notification preferences → Connect Telegram.',
  },
};

/** `ro`, `ru` or `en` from a desk locale or a Telegram `language_code` (`ru-RU`, `en`); `ro` otherwise. */
export function staffTelegramLocale(...candidates: (string | undefined)[]): StaffTelegramLocale {
  for (const candidate of candidates) {
    const language = candidate?.toLowerCase().split(/[-_]/)[0];
    if (language === 'ro' || language === 'ru' || language === 'en') return language;
  }
  return 'ro';
}

export function staffTelegramReply(reply: StaffTelegramReply, locale: StaffTelegramLocale): string {
  return REPLIES[locale][reply];
}
