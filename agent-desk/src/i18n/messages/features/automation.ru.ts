import automationEditor from './automation-editor.ru';
import type { AutomationMessages } from './automation.ro';

const automation: AutomationMessages = {
  nav: 'Автоматизация',
  title: 'Автоматические правила',
  empty: 'Нет автоматических правил.',
  active: 'Активно',
  inactive: 'Выключено',
  toggle: 'Правило «{name}» активно',
  on: 'Правило «{name}» включено.',
  off: 'Правило «{name}» выключено.',
  trigger: 'Триггер',
  actions: 'Действий: {n}',
  builtIn: 'Встроенное',
  runs: 'Последние запуски',
  showRuns: 'Запуски',
  hideRuns: 'Скрыть запуски',
  noRuns: 'Правило ещё не запускалось.',
  card: 'Консультация',
  event: 'Событие',
  runStatus: { running: 'Выполняется', succeeded: 'Успешно', failed: 'Ошибка', skipped: 'Пропущено' },
  actionStatus: { done: 'выполнено', failed: 'ошибка', not_run: 'не выполнялось' },
  ...automationEditor,
};
export default automation;
