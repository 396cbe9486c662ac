import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation, isUniqueViolation, violatedConstraint } from '../database/postgres-errors.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { deriveDisplayName, toContactView, type ContactView } from './contact-view.js';
import type {
  ContactDefaults,
  ContactSearchDto,
  CreateContactDto,
  PhoneInput,
  UpdateContactDto,
} from './contacts.dto.js';
import { ContactsRepository, type NewContactPhone } from './contacts.repository.js';
import type { ContactRow } from './contacts.schema.js';
import { normalizePhoneNumber } from './phone-number.js';

export type FoundOrCreatedContact = { contact: ContactView; created: boolean };
export type ChannelIdentityDefaults = ContactDefaults & { username?: string | null; phone?: string | null };

const FOREIGN_KEY_FIELDS: Record<string, string> = {
  contacts_company_id_companies_id_fk: 'companyId',
  contacts_responsible_user_id_users_id_fk: 'responsibleUserId',
  contacts_department_id_departments_id_fk: 'departmentId',
};

/** Contacts: create, edit, find by phone or channel identity, search. Other domains call the exported methods. */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly contacts: ContactsRepository,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  /** E.164 of a typed number in the configured default region, or null when invalid. */
  normalizePhone(raw: string): string | null {
    return normalizePhoneNumber(raw, this.config.locale.defaultPhoneRegion);
  }

  async get(id: string, tx: DatabaseExecutor = this.db): Promise<ContactView> {
    const contact = await this.view(id, tx);
    if (!contact) throw ApiError.notFound('Contact', id);
    return contact;
  }

  async view(id: string, tx: DatabaseExecutor = this.db): Promise<ContactView | undefined> {
    const row = await this.contacts.findById(id, tx);
    return row ? toContactView(row, await this.contacts.phonesOf([id], tx)) : undefined;
  }

  async views(rows: ContactRow[], tx: DatabaseExecutor = this.db): Promise<ContactView[]> {
    const phones = await this.contacts.phonesOf(
      rows.map((r) => r.id),
      tx,
    );
    return rows.map((row) => toContactView(row, phones));
  }

  async search(dto: ContactSearchDto): Promise<{ items: ContactView[]; nextCursor: string | null }> {
    const { limit, cursor, ...filter } = dto;
    const page = await this.contacts.search(filter, limit, cursor);
    return { items: await this.views(page.rows), nextCursor: page.nextCursor };
  }

  /** Screen-pop: the contact owning this number, or 404; an unparseable number is a 400. */
  async lookup(rawPhone: string): Promise<ContactView> {
    const e164 = this.normalizePhone(rawPhone);
    if (!e164)
      throw ApiError.validation({ phone: 'Enter a valid phone number, for example 069123456 or +373 69 123 456.' });
    const contact = await this.findByE164(e164);
    if (!contact) throw ApiError.notFound('A contact with phone', e164);
    return contact;
  }

  /** The contact owning this number (any format the default region understands), with its phones; null if none. */
  async findByPhone(rawPhone: string, tx: DatabaseExecutor = this.db): Promise<ContactView | null> {
    const e164 = this.normalizePhone(rawPhone);
    return e164 ? this.findByE164(e164, tx) : null;
  }

  private async findByE164(e164: string, tx: DatabaseExecutor = this.db): Promise<ContactView | null> {
    const found = await this.contacts.findWithPhonesByE164(e164, tx);
    return found ? toContactView(found.contact, found.phones) : null;
  }

  /**
   * The contact owning `rawPhone`, or a new one with `defaults` and that number (audited, on the timeline).
   * With `tx` it joins the caller's transaction (in a savepoint, so a concurrent insert of the same number is absorbed).
   */
  async findOrCreateByPhone(
    rawPhone: string,
    defaults: ContactDefaults = {},
    tx?: DatabaseExecutor,
  ): Promise<FoundOrCreatedContact> {
    const e164 = this.normalizePhone(rawPhone);
    if (!e164)
      throw ApiError.validation({ phone: 'Enter a valid phone number, for example 069123456 or +373 69 123 456.' });
    const executor = tx ?? this.db;
    const existing = await this.findByE164(e164, executor);
    if (existing) return { contact: existing, created: false };
    try {
      const contact = await this.create({ ...creationDefaults(defaults), phones: [e164] }, executor);
      return { contact, created: true };
    } catch (error) {
      const raced =
        error instanceof ApiError && error.getStatus() === 409 ? await this.findByE164(e164, executor) : null;
      if (raced) return { contact: raced, created: false };
      throw error;
    }
  }

  /**
   * findOrCreateByPhone for several numbers at once (a burst of calls from new numbers), by E.164: one transaction
   * with one insert each for the contacts, their phones, their audit events and their timeline entries. Numbers that
   * already have an owner answer it (created: false). A number another writer takes meanwhile fails the whole batch
   * with 409 phone_taken: retry those numbers one by one with findOrCreateByPhone.
   */
  async findOrCreateManyByPhone(
    rawPhones: string[],
    defaults: ContactDefaults = {},
  ): Promise<Map<string, FoundOrCreatedContact>> {
    const e164s = rawPhones.map((raw, i) => {
      const e164 = this.normalizePhone(raw);
      if (!e164) throw ApiError.validation({ [`phones.${i}`]: 'Enter a valid phone number, for example 069123456.' });
      return e164;
    });
    const found = new Map<string, FoundOrCreatedContact>();
    const wanted = [...new Set(e164s)];
    if (!wanted.length) return found;
    const fields = creationDefaults(defaults);
    await this.writing(undefined, async (tx) => {
      const owners = await this.contacts.phoneOwners(wanted, tx);
      const free = wanted.filter((e164) => !owners.some((o) => o.e164 === e164));
      const rows = await this.contacts.insertMany(
        tx,
        free.map((e164) => ({ ...fields, displayName: deriveDisplayName(fields, e164) })),
      );
      const phones = await this.contacts.insertPhones(
        tx,
        rows.map((row, i) => ({ ...this.normalizePhones([free[i]])[0], contactId: row.id })),
      );
      const views = rows.map((row) => toContactView(row, phones));
      await this.audit.recordMany(
        views.map((view) => ({ action: 'create', entityType: 'contact', entityId: view.id, after: view })),
        tx,
      );
      await this.timeline.appendMany(
        tx,
        views.map((view) => ({
          kind: 'contact_created',
          contactId: view.id,
          refType: 'contact',
          refId: view.id,
          summary: { displayName: view.displayName, source: view.source },
        })),
      );
      views.forEach((contact, i) => found.set(free[i], { contact, created: true }));
      for (const owner of owners) {
        const contact = await this.get(owner.contactId, tx);
        found.set(owner.e164, { contact, created: false });
      }
    });
    return found;
  }

  /**
   * The contact known on `channel` as `providerUserId`; else the contact owning `defaults.phone` (the identity is
   * attached to it); else a new contact with the identity.
   */
  async findOrCreateByChannelIdentity(
    channel: string,
    providerUserId: string,
    defaults: ChannelIdentityDefaults = {},
    tx?: DatabaseExecutor,
  ): Promise<FoundOrCreatedContact> {
    const executor = tx ?? this.db;
    const knownId = await this.contacts.contactIdByChannelIdentity(channel, providerUserId, executor);
    if (knownId) return { contact: await this.get(knownId, executor), created: false };
    const { username, phone, ...contactDefaults } = defaults;
    return executor.transaction(async (own) => {
      const byPhone = phone ? await this.findByPhone(phone, own) : null;
      const found = byPhone
        ? { contact: byPhone, created: false }
        : {
            contact: await this.create(
              {
                ...creationDefaults({ source: channel, ...contactDefaults }),
                phones: phone && this.normalizePhone(phone) ? [phone] : [],
              },
              own,
            ),
            created: true,
          };
      await this.contacts.addChannelIdentity(own, {
        contactId: found.contact.id,
        channel,
        providerUserId,
        username: username ?? null,
      });
      const winner = await this.contacts.contactIdByChannelIdentity(channel, providerUserId, own);
      return winner === found.contact.id ? found : { contact: await this.get(winner!, own), created: false };
    });
  }

  async create(dto: CreateContactDto, tx?: DatabaseExecutor): Promise<ContactView> {
    const phones = this.normalizePhones(dto.phones);
    return this.writing(tx, async (own) => {
      await this.assertPhonesFree(own, phones);
      const { phones: _phones, ...fields } = dto;
      const row = await this.contacts.insert(own, {
        ...fields,
        displayName: deriveDisplayName(fields, phones[0]?.e164),
      });
      for (const phone of phones) await this.contacts.addPhone(own, row.id, phone);
      const view = await this.get(row.id, own);
      await this.audit.record({ action: 'create', entityType: 'contact', entityId: row.id, after: view }, own);
      await this.timeline.append(own, {
        kind: 'contact_created',
        contactId: row.id,
        refType: 'contact',
        refId: row.id,
        summary: { displayName: view.displayName, source: view.source },
      });
      return view;
    });
  }

  async update(id: string, dto: UpdateContactDto, outerTx?: DatabaseExecutor): Promise<ContactView> {
    const phones = dto.phones ? this.normalizePhones(dto.phones) : undefined;
    return this.writing(outerTx, async (tx) => {
      const [row] = await this.contacts.lockByIds(tx, [id]);
      if (!row) throw ApiError.notFound('Contact', id);
      assertEditable(row);
      const before = await this.get(id, tx);
      const { phones: _phones, ...fields } = dto;
      if (phones) {
        await this.assertPhonesFree(tx, phones, id);
        await this.contacts.replacePhones(tx, id, phones);
      }
      const merged = { ...row, ...fields };
      const primary = phones ? phones[0]?.e164 : before.phones[0]?.e164;
      await this.contacts.update(tx, id, { ...fields, displayName: deriveDisplayName(merged, primary) });
      const after = await this.get(id, tx);
      await this.audit.record({ action: 'update', entityType: 'contact', entityId: id, before, after }, tx);
      const changed = Object.keys(dto).filter(
        (key) => JSON.stringify(before[key as keyof ContactView]) !== JSON.stringify(after[key as keyof ContactView]),
      );
      if (changed.length)
        await this.timeline.append(tx, {
          kind: 'field_changed',
          contactId: id,
          refType: 'contact_update',
          refId: randomUUID(),
          summary: { fields: changed },
        });
      return after;
    });
  }

  async remove(id: string): Promise<void> {
    await this.writing(undefined, async (tx) => {
      const [row] = await this.contacts.lockByIds(tx, [id]);
      if (!row) throw ApiError.notFound('Contact', id);
      const before = await this.get(id, tx);
      await this.contacts.delete(tx, id);
      await this.audit.record({ action: 'delete', entityType: 'contact', entityId: id, before }, tx);
    });
  }

  /** Typed numbers → E.164 (first is primary unless one says so); an invalid one is a 400 naming `phones.N`. */
  normalizePhones(inputs: PhoneInput[]): NewContactPhone[] {
    const fields: Record<string, string> = {};
    const phones: NewContactPhone[] = [];
    inputs.forEach((input, index) => {
      const { number, label, isPrimary } =
        typeof input === 'string' ? { number: input, label: undefined, isPrimary: undefined } : input;
      const e164 = this.normalizePhone(number);
      if (!e164)
        fields[`phones.${index}`] =
          `"${number}" is not a valid phone number; write it like 069123456 or +373 69 123 456.`;
      else if (phones.some((p) => p.e164 === e164)) fields[`phones.${index}`] = `${e164} is listed twice.`;
      else phones.push({ e164, label: label ?? null, isPrimary: isPrimary ?? false });
    });
    if (Object.keys(fields).length) throw ApiError.validation(fields);
    if (phones.length && !phones.some((p) => p.isPrimary)) phones[0].isPrimary = true;
    return phones.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  }

  private async assertPhonesFree(tx: DatabaseExecutor, phones: NewContactPhone[], ownerId?: string): Promise<void> {
    const taken = (
      await this.contacts.phoneOwners(
        phones.map((p) => p.e164),
        tx,
      )
    ).find((owner) => owner.contactId !== ownerId);
    if (taken) throw phoneTaken(taken.e164, taken.contactId);
  }

  /** Runs a write in its own transaction, or in a savepoint of the caller's; maps constraint errors to API errors. */
  private async writing<T>(tx: DatabaseExecutor | undefined, work: (tx: DatabaseExecutor) => Promise<T>): Promise<T> {
    try {
      return await (tx ?? this.db).transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'contact_phones_e164_key'))
        throw ApiError.conflict('phone_taken', 'One of these numbers already belongs to another contact.');
      if (isForeignKeyViolation(error)) {
        const field = FOREIGN_KEY_FIELDS[violatedConstraint(error) ?? ''];
        if (field) throw ApiError.validation({ [field]: 'No such record; pick an existing one.' });
      }
      throw error;
    }
  }
}

export function phoneTaken(e164: string, contactId: string): ApiError {
  return ApiError.conflict(
    'phone_taken',
    `The number ${e164} already belongs to another contact; open it or merge the two.`,
    { phone: e164, contactId },
  );
}

export function assertEditable(row: ContactRow): void {
  if (row.erasedAt)
    throw ApiError.conflict('contact_erased', 'This contact was erased at the person’s request and cannot be changed.');
  if (row.mergedIntoId)
    throw ApiError.conflict('contact_merged', `This contact was merged into ${row.mergedIntoId}; edit that one.`, {
      mergedIntoId: row.mergedIntoId,
    });
}

function creationDefaults(defaults: ContactDefaults): Omit<CreateContactDto, 'phones'> {
  return { language: 'ro', tags: [], consent: {}, customFields: {}, ...defaults };
}
