import type { ReplyTemplatesMessages } from './reply-templates.ro';

const replyTemplates: ReplyTemplatesMessages = {
  open: 'Templates',
  openHint: 'Insert a reply template',
  search: 'Search templates',
  list: 'Templates for this channel',
  empty: 'No active template for this channel.',
  noMatch: 'No template matches the search.',
  rendering: 'Filling in “{name}” with the contact’s data…',
  missing: 'No value in the template for: {fields}. Complete the text before sending it.',
  cannotRender: 'The template cannot be used: {reason}',
  keys: 'Up/down arrows choose, Enter inserts, Esc closes.',
};
export default replyTemplates;
