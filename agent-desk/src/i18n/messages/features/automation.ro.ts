import automationEditor from './automation-editor.ro';

/** Automation rules (/automation) — Romanian, the source of the keys. */
const automation = {
  nav: 'Automatizări',
  title: 'Reguli automate',
  empty: 'Nicio regulă automată.',
  active: 'Activă',
  inactive: 'Oprită',
  toggle: 'Regula „{name}” este activă',
  on: 'Regula „{name}” a fost pornită.',
  off: 'Regula „{name}” a fost oprită.',
  trigger: 'Declanșator',
  actions: 'Acțiuni: {n}',
  builtIn: 'Implicită',
  runs: 'Ultimele rulări',
  showRuns: 'Rulări',
  hideRuns: 'Ascunde rulările',
  noRuns: 'Regula nu a rulat încă.',
  card: 'Consultația',
  event: 'Eveniment',
  runStatus: { running: 'În curs', succeeded: 'Reușită', failed: 'Eșuată', skipped: 'Omisă' },
  actionStatus: { done: 'făcută', failed: 'eșuată', not_run: 'nerulată' },
  ...automationEditor,
};
export default automation;
export type AutomationMessages = typeof automation;
