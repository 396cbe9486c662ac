import type { SettingsHoursMessages } from './settings-hours.ro';

const settingsHours: SettingsHoursMessages = {
  title: 'Working hours',
  timeZone: 'Time zone',
  week: 'Weekly hours',
  weekHint: 'Calls outside these hours count as “out of hours”. A day without an interval is closed.',
  days: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
  closed: 'Closed',
  opensAt: 'From',
  closesAt: 'Until',
  addInterval: 'Add interval ({day})',
  removeInterval: 'Remove interval {from}–{to} ({day})',
  save: 'Save hours',
  saved: 'Working hours saved.',
  holidays: 'Holidays',
  holidaysEmpty: 'No holidays.',
  holidayDay: 'Date',
  holidayName: 'Name',
  addHoliday: 'Add holiday',
  holidayAdded: 'Holiday added.',
  removeHoliday: 'Remove {day}',
  holidayRemoved: '{day} is no longer a holiday.',
};
export default settingsHours;
