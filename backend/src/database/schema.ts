// Every domain's Drizzle tables, for relational queries. drizzle-kit finds them by the *.schema.ts glob.
export * from '../users/users.schema.js';
export * from '../auth/auth.schema.js';
export * from '../audit/audit.schema.js';
export * from '../seed/seed.schema.js';
export * from '../companies/companies.schema.js';
export * from '../contacts/contacts.schema.js';
export * from '../timeline/timeline.schema.js';
export * from '../pipelines/pipelines.schema.js';
export * from '../consultations/consultations.schema.js';
export * from '../tasks/tasks.schema.js';
export * from '../working-hours/working-hours.schema.js';
export * from '../calls/calls.schema.js';
export * from '../recordings/recordings.schema.js';
export * from '../conversations/conversations.schema.js';
export * from '../segments/segments.schema.js';
export * from '../reports/reports.schema.js';
export * from '../mailchimp/mailchimp.schema.js';
