import type { MessageSchema } from './ro';

const en: MessageSchema = {
  app: { name: 'Consult CRM', tagline: 'Consultant desk', skipToContent: 'Skip to content' },
  nav: { main: 'Main navigation', home: 'Home', inbox: 'Messages', calls: 'Calls', contacts: 'Beneficiaries', pipelines: 'Consultations', tasks: 'Tasks', logout: 'Sign out', account: 'My account', language: 'Language' },
  language: { ro: 'Română', ru: 'Русский', en: 'English' },
  roles: { admin: 'Administrator', supervisor: 'Supervisor', consultant: 'Consultant', marketer: 'Marketing' },
  realtime: { connected: 'Live', connecting: 'Connecting…', disconnected: 'Offline — reconnecting' },
  common: {
    save: 'Save', cancel: 'Cancel', close: 'Close', retry: 'Retry', loading: 'Loading…', search: 'Search',
    open: 'Open', add: 'Add', back: 'Back', none: '—', error: 'Something went wrong.', networkError: 'The server is not answering. Check the connection and retry.',
    notAvailable: 'This section is not available on the server yet.', saved: 'Saved', required: 'Required',
  },
  login: {
    title: 'Sign in', subtitle: 'Sign in to your consultant account', email: 'E-mail', password: 'Password', submit: 'Sign in',
    emailRequired: 'Enter your e-mail address.', passwordRequired: 'Enter your password.', invalid: 'The e-mail or password is not correct.',
    showPassword: 'Show password', hidePassword: 'Hide password',
  },
  home: {
    greeting: 'Hello, {name}!', summary: 'Here is what needs doing today.', today: "Today's tasks", overdue: 'Overdue',
    withoutTask: 'Consultations without a task', missedCalls: 'Missed calls to return', noToday: 'No tasks for today.',
    noOverdue: 'Nothing overdue. Well done!', allHaveTasks: 'Every active consultation has a next task.', noMissed: 'No missed calls.',
    callBack: 'Call back', setTask: 'Set task',
  },
  blockers: {
    title: 'Set the next task', prompt: 'Set a next task for each active card before continuing.',
    remaining: 'Consultations without a task: {n}', banner: 'Some active consultations have no next task.', review: 'Fix now',
  },
  contacts: {
    title: 'Beneficiaries', searchLabel: 'Search beneficiaries', searchPlaceholder: 'Name, phone, e-mail, IDNO…', noResults: 'No beneficiaries found.',
    startTyping: 'Type at least 2 characters to search.', phones: 'Phones', tags: 'Tags', cards: 'Consultations',
    noPhones: 'No phones', noTags: 'No tags', noCards: 'No consultations', notFound: 'Beneficiary not found.',
    groups: { personal: 'Personal details', activity: 'Locality and activity', consent: 'Consent', custom: 'Additional fields', notes: 'Notes' },
    fields: {
      firstName: 'First name', lastName: 'Last name', email: 'E-mail', language: 'Preferred language', locality: 'Locality', district: 'District',
      activityType: 'Activity type', company: 'Enterprise', source: 'Source', sms: 'SMS', emailConsent: 'E-mail', messengers: 'Messengers', marketing: 'Marketing',
    },
  },
  timeline: {
    title: 'Timeline', empty: 'No activity yet.', loadingMore: 'Loading more…', end: 'Start of the history',
    kinds: {
      note: 'Note', task_created: 'Task created', task_closed: 'Task closed', stage_changed: 'Stage changed', card_created: 'Consultation created',
      call: 'Call', message_in: 'Message received', message_out: 'Message sent', email_in: 'E-mail received', email_out: 'E-mail sent',
      email_opened: 'E-mail opened', contact_created: 'Beneficiary created', contact_merged: 'Beneficiaries merged', field_changed: 'Field changed', other: 'Event',
    },
  },
  pipelines: {
    title: 'Consultations', choose: 'Pipeline', empty: 'There are no consultation pipelines yet.', emptyColumn: 'Drop a consultation here',
    moveTo: 'Move to stage…', moveLabel: 'Move “{title}” to another stage', requiredMissing: 'Fill in the required fields for stage “{stage}”',
    fillAndMove: 'Save and move', moved: 'Moved to “{stage}”', cards: '{n} consultations', dismiss: 'Dismiss',
  },
  card: {
    builtin: { instruments: 'Instruments', budget: 'Budget (MDL)', programApplied: 'Programme applied', companyId: 'Enterprise', responsibleUserId: 'Responsible' },
    stageAge: '{days} d in stage', openCard: 'Open consultation', closedBadge: 'Closed',
    notFound: 'Consultation not found.', overview: 'Details', fields: 'Fields', contact: 'Beneficiary', pipeline: 'Pipeline', stage: 'Stage',
    responsible: 'Responsible', instruments: 'Support instruments', notes: 'Notes', addNote: 'Add note', notePlaceholder: 'What was discussed…',
    noteSaved: 'Note saved.', noFields: 'No fields filled in.', instrumentsSaved: 'Instruments updated.',
  },
  tasks: {
    title: 'Tasks', today: 'Today', overdue: 'Overdue', upcoming: 'Upcoming', all: 'All', new: 'New task', subtasks: 'Subtasks',
    addSubtask: 'Add subtask', titleLabel: 'What needs doing', titlePlaceholder: 'e.g. Call about the grant documents', dueAt: 'Due',
    close: 'Close task', closeTitle: 'Close task “{title}”', result: 'Result', resultPlaceholder: 'What was achieved? (required)',
    resultRequired: 'Write the result to close the task.', closed: 'Task closed.', created: 'Task created.',
    none: 'No tasks here.', due: 'Due {when}', overdueBadge: 'Overdue', done: 'Closed', forCard: 'Consultation', nextTask: 'Next task',
  },
  screenPop: {
    incoming: 'Incoming call', to: 'to {did}', unknown: 'Unknown number', newBeneficiary: 'New beneficiary', openCards: 'Open consultations',
    noOpenCards: 'No open consultations.', lastInteractions: 'Last interactions', lastConsultant: 'Last consultant', openContact: 'Beneficiary file',
    actOn: 'Working on consultation', instruments: 'Instruments', note: 'Call note', saveNote: 'Save note', nextTask: 'Next task',
    saveTask: 'Set task', created: 'Beneficiary created.', ended: 'The call has ended.', minimize: 'Hide the call window', phone: 'Phone',
    taskSaved: 'Task set.', createTitle: 'Create the beneficiary',
  },
  inbox: {
    title: 'Messages', list: 'Conversations', empty: 'No conversations here.', pick: 'Pick a conversation from the list.', loadMore: 'More conversations',
    olderMessages: 'Older messages', noMessages: 'No messages yet.', notFound: 'The conversation was not found.', back: 'Back to conversations',
    filters: {
      label: 'Filters', channel: 'Channel', allChannels: 'All channels', assignee: 'Assignee', anyone: 'Anyone', me: 'Mine', none: 'Unassigned',
      unread: 'Unread', status: 'Status', open: 'Open', closed: 'Closed',
    },
    channels: { telegram: 'Telegram', whatsapp: 'WhatsApp', viber: 'Viber', messenger: 'Messenger', instagram: 'Instagram', sms: 'SMS', webchat: 'Website chat', email: 'Email' },
    unreadCount: '{n} unread', typingVisitor: 'typing…', typingAgent: '{name} is typing…', you: 'You', closedBadge: 'Closed', unassigned: 'Unassigned',
    assignTo: 'Assign', assignMe: 'Take it', assigned: 'The conversation was assigned.', close: 'Close conversation', reopen: 'Reopen',
    closedDone: 'The conversation was closed.', reopened: 'The conversation was reopened.', openContact: 'Beneficiary file', openCard: 'Consultation',
    composer: {
      label: 'Reply', placeholder: 'Write a reply…', keys: 'Enter sends, Shift+Enter starts a new line.', send: 'Send', attach: 'Attach files',
      remove: 'Remove {name}', uploading: 'Uploading {name}…', tooLarge: '{name} is larger than 25 MB.', closedHint: 'This conversation is closed. Reopen it to reply.',
    },
    status: { received: 'Received', queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Not sent' },
    attachment: { voice: 'Voice message', download: 'Download {name}', file: 'File', notStored: 'The file could not be fetched.' },
  },
  calls: {
    title: 'Calls', filters: 'Call filters', from: 'From', to: 'To', consultant: 'Consultant', everyone: 'All consultants', show: 'Show',
    views: { all: 'All', answered: 'Answered', unanswered: 'Unanswered', not_called_back: 'Missed, not called back' },
    badPeriod: 'Choose a period: the start date cannot be after the end date.', none: 'No calls in this period.',
    range: '{from}–{to} of {total} calls', previous: 'Previous', next: 'Next', downloadZip: 'Download recordings (ZIP)',
    listen: 'Listen', hide: 'Hide', wait: 'Wait', talk: 'Talk', calledBack: 'called back', notCalledBack: 'not called back',
    direction: { inbound: 'Inbound', outbound: 'Outbound', internal: 'Internal' },
    status: {
      ringing: 'Ringing', 'in-progress': 'In progress', answered: 'Answered', missed: 'Missed', abandoned: 'Abandoned', voicemail: 'Voicemail', busy: 'Busy',
      failed: 'Failed', transferred: 'Transferred',
    },
    recording: {
      label: 'Call recording', unavailable: 'The recording is not available (yet).', back10: 'Back 10 seconds', forward10: 'Forward 10 seconds',
      speed: 'Playback speed {rate}×', download: 'Download the recording',
    },
    call: 'Call', dialing: 'Dialling {number}… Answer your phone.',
  },
  toast: { taskAssigned: 'New task: {title}', taskAssignedBy: 'assigned by {name}', sessionExpired: 'Your session expired. Please sign in again.' },
  notFound: { title: 'Page not found', home: 'Go home' },
};
export default en;
