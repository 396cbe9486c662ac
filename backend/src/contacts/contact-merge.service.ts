import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { TimelineService } from '../timeline/timeline.service.js';
import type { ContactView } from './contact-view.js';
import { deriveDisplayName } from './contact-view.js';
import { ContactMergeRegistry } from './contact-merge.registry.js';
import { ContactMergeRepository } from './contact-merge.repository.js';
import { ContactsRepository } from './contacts.repository.js';
import type { ContactRow } from './contacts.schema.js';
import { assertEditable, ContactsService } from './contacts.service.js';

export type DuplicateView = {
  contact: ContactView;
  reasons: ('same_email' | 'similar_name_same_locality' | 'same_company')[];
};

/** Fields the survivor takes from the duplicate when its own are blank. */
const FILLABLE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'locality',
  'district',
  'activityType',
  'companyId',
  'responsibleUserId',
  'departmentId',
  'source',
  'notes',
] as const;

/** Duplicate detection and merging: the survivor keeps everything, the duplicate points at it. */
@Injectable()
export class ContactMergeService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly merges: ContactMergeRepository,
    private readonly contactsRepository: ContactsRepository,
    private readonly contacts: ContactsService,
    private readonly registry: ContactMergeRegistry,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  async duplicatesOf(id: string): Promise<DuplicateView[]> {
    const target = await this.contactsRepository.findById(id);
    if (!target) throw ApiError.notFound('Contact', id);
    const candidates = await this.merges.duplicatesOf(target);
    const views = await this.contacts.views(candidates.map((c) => c.contact));
    return candidates.map((candidate, index) => ({
      contact: views[index],
      reasons: [
        ...(candidate.sameEmail ? (['same_email'] as const) : []),
        ...(candidate.similarNameSameLocality ? (['similar_name_same_locality'] as const) : []),
        ...(candidate.sameCompany ? (['same_company'] as const) : []),
      ],
    }));
  }

  /**
   * Moves phones, channel identities, timeline and every registered participant's rows from the duplicate to the
   * survivor, fills the survivor's blanks, unions tags, and marks the duplicate merged — one transaction, audited.
   */
  async merge(survivorId: string, duplicateId: string): Promise<ContactView> {
    if (survivorId === duplicateId)
      throw ApiError.validation({ duplicateId: 'Pick a different contact to merge into this one.' });
    return this.db.transaction(async (tx) => {
      const locked = await this.contactsRepository.lockByIds(tx, [survivorId, duplicateId]);
      const survivor = locked.find((c) => c.id === survivorId);
      const duplicate = locked.find((c) => c.id === duplicateId);
      if (!survivor) throw ApiError.notFound('Contact', survivorId);
      if (!duplicate) throw ApiError.notFound('Contact', duplicateId);
      assertEditable(survivor);
      assertEditable(duplicate);
      const before = {
        survivor: await this.contacts.get(survivorId, tx),
        duplicate: await this.contacts.get(duplicateId, tx),
      };

      const movedPhones = await this.merges.movePhones(tx, duplicateId, survivorId);
      const movedIdentities = await this.merges.moveChannelIdentities(tx, duplicateId, survivorId);
      await this.timeline.reassignContact(tx, duplicateId, survivorId);
      for (const participant of this.registry.all()) await participant.reassignContact(tx, duplicateId, survivorId);

      const fields = mergedFields(survivor, duplicate);
      const primary = (await this.contacts.get(survivorId, tx)).phones[0]?.e164;
      await this.contactsRepository.update(tx, survivorId, {
        ...fields,
        displayName: deriveDisplayName({ ...survivor, ...fields }, primary),
      });
      await this.contactsRepository.update(tx, duplicateId, { mergedIntoId: survivorId });

      const after = await this.contacts.get(survivorId, tx);
      await this.timeline.append(tx, {
        kind: 'contact_merged',
        contactId: survivorId,
        refType: 'contact_merge',
        refId: duplicateId,
        summary: { duplicateId, duplicateName: duplicate.displayName, movedPhones, movedIdentities },
      });
      await this.audit.record(
        {
          action: 'contact.merge',
          entityType: 'contact',
          entityId: survivorId,
          before,
          after: { survivor: after, duplicateId, participants: this.registry.all().map((p) => p.name) },
        },
        tx,
      );
      return after;
    });
  }
}

/** Survivor wins; its blanks are filled from the duplicate; tags are united; consent and custom fields merged key by key. */
function mergedFields(survivor: ContactRow, duplicate: ContactRow): Partial<ContactRow> {
  const fields: Partial<ContactRow> = {};
  for (const key of FILLABLE_FIELDS)
    if (!survivor[key] && duplicate[key]) Object.assign(fields, { [key]: duplicate[key] });
  fields.tags = [...new Set([...survivor.tags, ...duplicate.tags])];
  fields.customFields = { ...duplicate.customFields, ...withoutBlanks(survivor.customFields) };
  fields.consent = { ...duplicate.consent, ...withoutBlanks(survivor.consent) };
  return fields;
}

function withoutBlanks<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as Partial<T>;
}
