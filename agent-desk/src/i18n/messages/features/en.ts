import automation from './automation.en';
import campaigns from './campaigns.en';
import cards from './cards.en';
import dashboards from './dashboards.en';
import notifications from './notifications.en';
import replyTemplates from './reply-templates.en';
import settingsChannels from './settings-channels.en';
import settingsHours from './settings-hours.en';
import settingsPipelines from './settings-pipelines.en';
import settings from './settings.en';
import shell from './shell.en';
import templates from './templates.en';

/** The per-feature message files of this language, spread into ../en.ts with one line. */
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
