import type { ReplyTemplatesMessages } from './reply-templates.ro';

const replyTemplates: ReplyTemplatesMessages = {
  open: 'Шаблоны',
  openHint: 'Вставить шаблон ответа',
  search: 'Поиск шаблона',
  list: 'Шаблоны для этого канала',
  empty: 'Нет активных шаблонов для этого канала.',
  noMatch: 'Ни один шаблон не подходит под поиск.',
  rendering: 'Заполняем «{name}» данными контакта…',
  missing: 'Нет значения в шаблоне: {fields}. Дополните текст перед отправкой.',
  cannotRender: 'Шаблон нельзя использовать: {reason}',
  keys: 'Стрелки вверх/вниз выбирают, Enter вставляет, Esc закрывает.',
};
export default replyTemplates;
