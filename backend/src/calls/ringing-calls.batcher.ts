import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { ContactsService, type FoundOrCreatedContact } from '../contacts/contacts.service.js';
import { AgentNotifier } from '../realtime/agent-notifier.js';
import type { CallEvent } from './call-event.js';
import { CallbackTasksService } from './callback-tasks.service.js';
import { FINAL_STATUSES, type CallRow, type calls } from './calls.schema.js';
import { CallsRepository, type ConsultantRef } from './calls.repository.js';
import { ExtensionDirectory } from './extension-directory.js';
import { screenPopOf, type Caller } from './screen-pop.js';
import { ScreenPopLookup, type KnownCallerPop } from './screen-pop.lookup.js';

export type IngestResult = { callId: string; changed: boolean };

type Ring = { event: CallEvent; resolve: (result: IngestResult) => void; reject: (error: unknown) => void };

/** A ring with what the batch's shared queries found for it. */
type ResolvedRing = {
  ring: Ring;
  external: string | null;
  ringing: ConsultantRef[];
  call: CallRow;
  created: boolean;
  known: KnownCallerPop | undefined;
};

/** The batch's new inbound callers' contacts by number; undefined if creating them together failed. */
type NewContacts = Promise<Map<string, FoundOrCreatedContact> | undefined>;

/** A ring that changes something: its call is new, or it rings someone it did not ring yet. */
type LiveRing = ResolvedRing & { newlyRinging: ConsultantRef[] };

/** The E.164 of the outside party: the caller of an inbound call, the callee of an outbound one. */
export function externalNumberOf(event: CallEvent, contacts: ContactsService): string | null {
  const raw =
    event.direction === 'inbound' ? event.from : event.direction === 'outbound' ? (event.to ?? event.did) : undefined;
  return raw ? contacts.normalizePhone(raw) : null;
}

/** The `calls` row the first event of a call creates. */
export function newCallValues(
  event: CallEvent,
  contacts: ContactsService,
  external = externalNumberOf(event, contacts),
): typeof calls.$inferInsert & { externalE164: string | null } {
  return {
    pbx: event.pbx,
    providerCallId: event.callId,
    direction: event.direction,
    fromNumber: event.from,
    fromE164: event.direction === 'inbound' ? external : contacts.normalizePhone(event.from),
    did: event.did ?? null,
    toNumber: event.to ?? null,
    externalE164: external,
    queue: event.queue ?? null,
    startedAt: event.at,
    status: 'ringing',
  };
}

/**
 * Ringing events and their screen-pops, resolved together: every ring that arrives in the same turn of the event loop
 * (a PBX reports a queue's calls in bursts) is flushed on the next one (setImmediate, so a lone call waits for
 * nothing) as ONE batch:
 *  - one query for the pops of all the callers' numbers (ScreenPopLookup), started at once, alongside
 *  - one multi-row insert of the calls, carrying their ringing consultants (ExtensionDirectory, cached) and their
 *    contact, so a known caller's call is written once;
 *  - then one `call:ringing` broadcast per call to the consultants it newly rings.
 * New inbound callers become contacts together (ContactsService.findOrCreateManyByPhone: one transaction, started as
 * soon as the lookup has answered, alongside the insert) before their pops, which show the new contact; known
 * callers' pops do not wait for that. A re-ring's new consultants and
 * a new contact's id are written to the call after the emit. A known caller's pop waits on one
 * round trip. If a batch's shared queries fail, each ring is retried on its own, and if the new contacts cannot be
 * created together each is created on its own, so one bad event (or number) fails only its own ingest.
 */
@Injectable()
export class RingingCallsBatcher {
  private pending: Ring[] = [];

  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly calls: CallsRepository,
    private readonly extensions: ExtensionDirectory,
    private readonly contacts: ContactsService,
    private readonly lookup: ScreenPopLookup,
    private readonly notifier: AgentNotifier,
    private readonly callbacks: CallbackTasksService,
  ) {}

  /** Resolves once the call row is written and its pop emitted; `changed` is false for a replay or a finished call. */
  ring(event: CallEvent): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      if (!this.pending.length) setImmediate(() => this.flush());
      this.pending.push({ event, resolve, reject });
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    void this.resolveBatch(batch);
  }

  private async resolveBatch(batch: Ring[]): Promise<void> {
    let resolved: ResolvedRing[];
    let newContacts: NewContacts;
    try {
      ({ resolved, newContacts } = await this.resolveTogether(batch));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      this.logger.warn({ err: error, rings: batch.length }, 'ringing batch failed; resolving its calls one by one');
      await Promise.all(batch.map((ring) => this.resolveBatch([ring])));
      return;
    }
    const live: LiveRing[] = [];
    for (const r of resolved) {
      const newlyRinging = r.created ? r.ringing : r.ringing.filter((u) => !r.call.ringingUserIds.includes(u.id));
      // A replay, or a ring of a finished call: nothing to show or write.
      if (FINAL_STATUSES.includes(r.call.status) || (!r.created && !newlyRinging.length))
        r.ring.resolve({ callId: r.call.id, changed: false });
      else live.push({ ...r, newlyRinging });
    }
    await Promise.all(live.map((r) => this.popAndRecord(r, newContacts).then(r.ring.resolve, r.ring.reject)));
  }

  /**
   * The batch's shared round trips, in parallel: the known callers' pops, and the call rows; the new inbound callers'
   * contacts are created as soon as the lookup has said who they are (overlapping the insert).
   */
  private async resolveTogether(batch: Ring[]): Promise<{ resolved: ResolvedRing[]; newContacts: NewContacts }> {
    const externals = batch.map(({ event }) => externalNumberOf(event, this.contacts));
    const numbers = [...new Set(externals.filter((e): e is string => e !== null))];
    const known = this.lookup.knownCallers(numbers);
    known.catch(() => undefined); // awaited below, after the insert; must not be reported unhandled meanwhile
    const newContacts: NewContacts = known.then(
      (pops) => {
        const unknown = new Set(
          batch.flatMap(({ event }, i) =>
            event.direction === 'inbound' && externals[i] && !pops.has(externals[i]) ? [externals[i]] : [],
          ),
        );
        return unknown.size ? this.createContacts([...unknown]) : undefined;
      },
      () => undefined,
    );
    const extensions = [...new Set(batch.flatMap(({ event }) => event.agentExtensions ?? []))];
    const byExtension = new Map(
      (await this.extensions.consultantsAt(extensions)).map((consultant) => [consultant.phoneExtension, consultant]),
    );
    const ringing = batch.map(({ event }) => uniqueConsultants(event.agentExtensions ?? [], byExtension));
    const rows = await this.calls.insertRingingCalls(
      batch.map(({ event }, i) => ({
        ...newCallValues(event, this.contacts, externals[i]),
        ringingUserIds: ringing[i].map((u) => u.id),
      })),
    );
    const pops = await known;
    const resolved = batch.map((ring, i) => ({
      ring,
      external: externals[i],
      ringing: ringing[i],
      ...rows[i],
      known: externals[i] ? pops.get(externals[i]) : undefined,
    }));
    return { resolved, newContacts };
  }

  /** Emits the pop (a known caller's at once, a new caller's once their contact exists), then what the insert could not write. */
  private async popAndRecord(
    { ring: { event }, external, call, created, known, newlyRinging }: LiveRing,
    newContacts: NewContacts,
  ): Promise<IngestResult> {
    const caller: Caller = known
      ? { kind: 'known', pop: known }
      : external && event.direction === 'inbound'
        ? await this.newCaller(external, newContacts)
        : { kind: 'unknown' };
    const queue = event.queue ?? call.queue;
    const contactId =
      caller.kind === 'known' ? caller.pop.contact.id : caller.kind === 'created' ? caller.contact.id : null;
    this.notifier.toUsers(
      newlyRinging.map((u) => u.id),
      'call:ringing',
      screenPopOf({ ...call, queue }, caller),
    );
    // After the emit: a re-ring's new consultants, a contact created for this call.
    if (!created || (contactId !== null && contactId !== call.contactId))
      await this.calls.update(call.id, {
        ringingUserIds: created ? call.ringingUserIds : [...call.ringingUserIds, ...newlyRinging.map((u) => u.id)],
        contactId: contactId ?? call.contactId,
        queue,
      });
    if (created && event.direction === 'outbound') await this.callbacks.markCalledBack(call, event.at);
    return { callId: call.id, changed: true };
  }

  /** The contacts of the batch's new inbound callers, created together; undefined if that failed (see newCaller). */
  private async createContacts(numbers: string[]): Promise<Map<string, FoundOrCreatedContact> | undefined> {
    try {
      return await this.contacts.findOrCreateManyByPhone(numbers, { source: 'call' });
    } catch (error) {
      this.logger.warn({ err: error, numbers: numbers.length }, 'new callers batch failed; creating them one by one');
      return undefined;
    }
  }

  /** An inbound caller nobody knew at lookup: their new contact, from the batch or (if it failed) on their own. */
  private async newCaller(external: string, newContacts: NewContacts): Promise<Caller> {
    const fromBatch = (await newContacts)?.get(external);
    if (fromBatch?.created) return { kind: 'created', contact: fromBatch.contact };
    return fromBatch ? this.knownNow(external) : this.contactFor(external);
  }

  /** An inbound caller nobody knew a moment ago: their new contact, or the one a concurrent ring just created. */
  private async contactFor(external: string): Promise<Caller> {
    const { contact, created } = await this.contacts.findOrCreateByPhone(external, { source: 'call' });
    return created ? { kind: 'created', contact } : this.knownNow(external);
  }

  /** A caller whose contact appeared after the batch's lookup (a concurrent ring created it): look them up again. */
  private async knownNow(external: string): Promise<Caller> {
    const pop = (await this.lookup.knownCallers([external])).get(external);
    return pop ? { kind: 'known', pop } : { kind: 'unknown' };
  }
}

/** The consultants at these extensions, each once, in the PBX's order. */
function uniqueConsultants(extensions: string[], byExtension: Map<string | null, ConsultantRef>): ConsultantRef[] {
  const seen = new Set<string>();
  return extensions.flatMap((extension) => {
    const consultant = byExtension.get(extension);
    if (!consultant || seen.has(consultant.id)) return [];
    seen.add(consultant.id);
    return [consultant];
  });
}
