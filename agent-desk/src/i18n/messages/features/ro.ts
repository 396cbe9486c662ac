import automation from './automation.ro';
import campaigns from './campaigns.ro';
import cards from './cards.ro';
import dashboards from './dashboards.ro';
import notifications from './notifications.ro';
import replyTemplates from './reply-templates.ro';
import settingsChannels from './settings-channels.ro';
import settingsHours from './settings-hours.ro';
import settingsPipelines from './settings-pipelines.ro';
import settings from './settings.ro';
import shell from './shell.ro';
import templates from './templates.ro';

/** The per-feature message files of this language, spread into ../ro.ts with one line. */
export default {
  automation,
  campaigns,
  cards,
  dashboards,
  notifications,
  replyTemplates,
  settings,
  settingsChannels,
  settingsHours,
  settingsPipelines,
  shell,
  templates,
};
