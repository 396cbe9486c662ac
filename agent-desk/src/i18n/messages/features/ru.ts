import automation from './automation.ru';
import campaigns from './campaigns.ru';
import cards from './cards.ru';
import dashboards from './dashboards.ru';
import notifications from './notifications.ru';
import replyTemplates from './reply-templates.ru';
import settingsChannels from './settings-channels.ru';
import settingsHours from './settings-hours.ru';
import settingsPipelines from './settings-pipelines.ru';
import settings from './settings.ru';
import shell from './shell.ru';
import templates from './templates.ru';

/** The per-feature message files of this language, spread into ../ru.ts with one line. */
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
