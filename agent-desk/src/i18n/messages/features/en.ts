import automation from './automation.en';
import campaigns from './campaigns.en';
import cards from './cards.en';
import dashboards from './dashboards.en';
import notifications from './notifications.en';
import shell from './shell.en';
import templates from './templates.en';

/** The per-feature message files of this language, spread into ../en.ts with one line. */
export default { automation, campaigns, cards, dashboards, notifications, shell, templates };
