/** Admin settings: working hours and holidays — Romanian, the source of the keys. */
const settingsHours = {
  title: 'Program de lucru',
  timeZone: 'Fus orar',
  week: 'Programul săptămânal',
  weekHint: 'Apelurile din afara programului sunt tratate ca „în afara orelor”. O zi fără interval este liberă.',
  days: { 1: 'Luni', 2: 'Marți', 3: 'Miercuri', 4: 'Joi', 5: 'Vineri', 6: 'Sâmbătă', 7: 'Duminică' },
  closed: 'Liber',
  opensAt: 'De la',
  closesAt: 'Până la',
  addInterval: 'Adaugă interval ({day})',
  removeInterval: 'Scoate intervalul {from}–{to} ({day})',
  save: 'Salvează programul',
  saved: 'Programul a fost salvat.',
  holidays: 'Zile libere',
  holidaysEmpty: 'Nicio zi liberă.',
  holidayDay: 'Data',
  holidayName: 'Denumire',
  addHoliday: 'Adaugă ziua liberă',
  holidayAdded: 'Ziua liberă a fost adăugată.',
  removeHoliday: 'Scoate {day}',
  holidayRemoved: '{day} nu mai este zi liberă.',
};
export default settingsHours;
export type SettingsHoursMessages = typeof settingsHours;
