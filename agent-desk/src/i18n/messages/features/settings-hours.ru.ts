import type { SettingsHoursMessages } from './settings-hours.ro';

const settingsHours: SettingsHoursMessages = {
  title: 'Рабочее время',
  timeZone: 'Часовой пояс',
  week: 'Недельный график',
  weekHint: 'Звонки вне графика считаются «в нерабочее время». День без интервалов — выходной.',
  days: { 1: 'Понедельник', 2: 'Вторник', 3: 'Среда', 4: 'Четверг', 5: 'Пятница', 6: 'Суббота', 7: 'Воскресенье' },
  closed: 'Выходной',
  opensAt: 'С',
  closesAt: 'До',
  addInterval: 'Добавить интервал ({day})',
  removeInterval: 'Удалить интервал {from}–{to} ({day})',
  save: 'Сохранить график',
  saved: 'График сохранён.',
  holidays: 'Праздничные дни',
  holidaysEmpty: 'Нет праздничных дней.',
  holidayDay: 'Дата',
  holidayName: 'Название',
  addHoliday: 'Добавить день',
  holidayAdded: 'Праздничный день добавлен.',
  removeHoliday: 'Удалить {day}',
  holidayRemoved: '{day} больше не выходной.',
};
export default settingsHours;
