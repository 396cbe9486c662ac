import automation from './automation.ro';
import campaigns from './campaigns.ro';
import dashboards from './dashboards.ro';
import notifications from './notifications.ro';
import replyTemplates from './reply-templates.ro';
import shell from './shell.ro';
import templates from './templates.ro';

/** The per-feature message files of this language, spread into ../ro.ts with one line. */
export default { automation, campaigns, dashboards, notifications, replyTemplates, shell, templates };
