import automationEditor from './automation-editor.en';
import type { AutomationMessages } from './automation.ro';

const automation: AutomationMessages = {
  nav: 'Automation',
  title: 'Automation rules',
  empty: 'No automation rules.',
  active: 'On',
  inactive: 'Off',
  toggle: 'Rule “{name}” is on',
  on: 'Rule “{name}” switched on.',
  off: 'Rule “{name}” switched off.',
  trigger: 'Trigger',
  actions: 'Actions: {n}',
  builtIn: 'Built in',
  runs: 'Recent runs',
  showRuns: 'Runs',
  hideRuns: 'Hide runs',
  noRuns: 'The rule has not run yet.',
  card: 'Consultation',
  event: 'Event',
  runStatus: { running: 'Running', succeeded: 'Succeeded', failed: 'Failed', skipped: 'Skipped' },
  actionStatus: { done: 'done', failed: 'failed', not_run: 'not run' },
  ...automationEditor,
};
export default automation;
