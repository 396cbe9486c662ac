/** A consultation card still being worked, as the screen-pop and routing need it. */
export type OpenCardSummary = {
  id: string;
  title: string;
  stageName: string | null;
  pipelineName: string | null;
  responsibleUserId: string | null;
};

/**
 * The open consultation cards of a contact, newest activity first. Implemented over the consultations domain
 * (see open-cards.lookup.ts); a narrow port so calls do not depend on how cards are stored.
 */
export abstract class OpenCardsLookup {
  abstract openCardsOf(contactId: string): Promise<OpenCardSummary[]>;
}

export type NewCallbackTask = {
  contactId: string | null;
  assigneeUserId: string | null;
  dueAt: Date;
  title: string;
};

/**
 * Creates and updates CallbackTasks (tasks of type `call_back`) in the tasks domain. Calls never close a task: only
 * a person does, with a result.
 */
export abstract class CallbackTaskCreator {
  abstract create(task: NewCallbackTask): Promise<{ id: string }>;
  /** Another missed call joined the task: count it and raise the task's priority. */
  abstract recordAnotherMissedCall(taskId: string): Promise<void>;
  /** The task while it is still open (not done, not cancelled), else null. */
  abstract findOpen(taskId: string): Promise<{ id: string; assigneeUserId: string | null } | null>;
}
