export type Role = 'admin' | 'supervisor' | 'consultant' | 'marketer';
export type Locale = 'ro' | 'ru' | 'en';

export type User = {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  departmentId: string | null;
  permissions: string[];
  locale: Locale | string;
  phoneExtension: string | null;
  photoUrl: string | null;
};

export type LoginResult = { token: string; expiresAt: string; user: User };
export type Department = { id: string; code: string; name: string };

export type ContactPhone = { id?: string; e164: string; label?: string | null; isPrimary?: boolean };

export type Contact = {
  id: string;
  displayName: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  locality?: string | null;
  district?: string | null;
  activityType?: string | null;
  language?: string | null;
  companyId?: string | null;
  company?: { id: string; name: string } | null;
  companyName?: string | null;
  responsibleUserId?: string | null;
  tags?: string[];
  phones?: Array<ContactPhone | string>;
  consent?: Record<string, unknown>;
  customFields?: Record<string, unknown>;
  source?: string | null;
  notes?: string | null;
  createdAt?: string;
  updatedAt?: string;
};

export type NewContactInput = {
  firstName?: string;
  lastName?: string;
  phones?: Array<string | { number: string; label?: string; isPrimary?: boolean }>;
  locality?: string;
  activityType?: string;
  source?: string;
};

export type StageKind = 'open' | 'won' | 'lost';
export type Stage = {
  id: string;
  pipelineId?: string;
  name: string;
  order?: number;
  color?: string | null;
  kind?: StageKind;
  requiredFieldKeys?: string[];
};
export type Pipeline = { id: string; code?: string; name: string; order?: number; active?: boolean; stages: Stage[] };

/** A label in the three interface languages (pipelines settings). */
export type LocalizedLabel = { ro: string; ru?: string; en?: string };
export type Instrument = { id: string; code: string; name: LocalizedLabel; active?: boolean; order?: number };
export type FieldGroup = { id: string; name: LocalizedLabel; order?: number };
export type FieldType =
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'select'
  | 'multi_select'
  | 'checkbox_list'
  | 'phone'
  | 'email'
  | 'url'
  | 'file';
export type FieldDefinition = {
  id: string;
  key: string;
  label: LocalizedLabel;
  type: FieldType;
  options?: Array<{ value: string; label: LocalizedLabel }>;
  groupId?: string | null;
  order?: number;
  active?: boolean;
};

export type ConsultationCard = {
  id: string;
  title: string;
  contactId: string | null;
  contact?: { id: string; displayName: string } | null;
  contactName?: string | null;
  /** The contact's primary phone (the list endpoint returns it with each card). */
  contactPhone?: string | null;
  /** The card's next open task (the list endpoint returns it with each card). */
  openTask?: { id: string; title: string; dueAt: string | null } | null;
  pipelineId: string;
  stageId: string;
  responsibleUserId?: string | null;
  instruments?: string[];
  fields?: Record<string, unknown>;
  budget?: number | null;
  programApplied?: string | null;
  companyId?: string | null;
  status?: 'active' | 'closed' | string;
  stageEnteredAt?: string;
  createdAt?: string;
  updatedAt?: string;
};

export type TaskStatus = 'open' | 'done' | 'cancelled';
export type Task = {
  id: string;
  title: string;
  dueAt: string | null;
  status: TaskStatus | string;
  cardId?: string | null;
  contactId?: string | null;
  assigneeUserId?: string | null;
  parentTaskId?: string | null;
  result?: string | null;
  closedAt?: string | null;
  subtasks?: Task[];
  cardTitle?: string | null;
  contactName?: string | null;
};

export type NewTaskInput = {
  title: string;
  dueAt: string;
  cardId?: string;
  contactId?: string;
  parentTaskId?: string;
  assigneeUserId?: string;
};

/** An active card of mine without an open task (the server returns the card rows). */
export type WorkBlocker = { cardId: string; title: string; contactId?: string | null };

export type TimelineEntry = {
  id: number | string;
  kind: string;
  occurredAt: string;
  actorUserId?: string | null;
  /** What the entry points at, e.g. `call` + the call id (its recording). */
  refType?: string | null;
  refId?: string | null;
  summary: Record<string, unknown>;
};
export type TimelinePage = { items: TimelineEntry[]; nextCursor: string | null };

export type MissedCall = {
  id: string;
  from: string;
  at?: string;
  startedAt?: string;
  contact?: { id: string; displayName: string } | null;
};

export type RingingContact = {
  id: string;
  displayName: string;
  locality?: string | null;
  activityType?: string | null;
  companyName?: string | null;
  phones?: Array<ContactPhone | string>;
};
export type RingingCall = {
  callId: string;
  from: string;
  did?: string | null;
  queue?: string | null;
  contact?: RingingContact | null;
  /** The server created the contact from this call just now: the consultant still has to identify them. */
  isNewContact?: boolean;
  openCards?: Array<{ id: string; title: string; stageName?: string; pipelineName?: string }>;
  lastInteractions?: Array<{ kind: string; at: string; summary?: string | Record<string, unknown> }>;
  lastConsultant?: { id: string; fullName: string } | null;
};

export type TaskAssignedEvent = {
  taskId?: string;
  id?: string;
  title?: string;
  dueAt?: string;
  createdBy?: string | null;
  assignedBy?: { fullName?: string } | null;
};

export function phoneNumber(phone: ContactPhone | string): string {
  return typeof phone === 'string' ? phone : phone.e164;
}

export type ConversationStatus = 'open' | 'closed';
export type Conversation = {
  id: string;
  contactId: string;
  channel: string;
  channelAccountId: string;
  status: ConversationStatus | string;
  assigneeUserId: string | null;
  cardId: string | null;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  unreadCount: number;
  createdAt?: string;
  closedAt?: string | null;
};

export type MessageStatus = 'received' | 'queued' | 'sent' | 'delivered' | 'read' | 'failed';
export type MessageAttachment = {
  kind: string;
  mimeType?: string;
  fileName?: string;
  sizeBytes?: number;
  durationSeconds?: number;
  url?: string;
  storageKey?: string;
  fetchError?: string;
  /** Set when the bytes are stored: the desk streams them from here (the session cookie authenticates). */
  downloadUrl?: string;
};
export type ConversationMessage = {
  id: string;
  conversationId: string;
  direction: 'in' | 'out';
  text: string | null;
  attachments: MessageAttachment[];
  status: MessageStatus | string;
  sentByUserId?: string | null;
  error?: string | null;
  createdAt: string;
  sentAt?: string | null;
  deliveredAt?: string | null;
  readAt?: string | null;
};
export type Paged<T> = { items: T[]; nextCursor: string | null };
/** What POST /conversations/:id/attachments answers: pass it back in `attachments` of the reply. */
export type UploadedAttachment = {
  storageKey: string;
  fileName?: string;
  mimeType?: string;
  sizeBytes?: number;
  kind?: string;
};
export type TeamMember = {
  id: string;
  fullName: string;
  role: Role | string;
  departmentId: string | null;
  active?: boolean;
};

export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type CallRecord = {
  id: string;
  direction: CallDirection | string;
  fromNumber: string;
  toNumber?: string | null;
  did?: string | null;
  contactId: string | null;
  contactName: string | null;
  answeredByUserId: string | null;
  answeredByName: string | null;
  queue?: string | null;
  status: string;
  startedAt: string;
  answeredAt?: string | null;
  endedAt?: string | null;
  waitSeconds?: number | null;
  talkSeconds?: number | null;
  calledBackAt?: string | null;
};
export type CallsPage = { items: CallRecord[]; total: number; limit: number; offset: number };
