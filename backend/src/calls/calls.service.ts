import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ContactMergeRegistry } from '../contacts/contact-merge.registry.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { RecordingsRepository } from '../recordings/recordings.repository.js';
import type { ListCallsQuery, OriginateDto, TelephonySettingsDto } from './calls.dto.js';
import { CallsRepository } from './calls.repository.js';
import { PbxConnectionService } from './pbx-connection.service.js';
import { TelephonySettingsRepository } from './telephony-settings.repository.js';

/** Sees every call: supervisors and admins; others see the calls they took, rang for, or of contacts they own. */
function seesAllCalls(user: AuthenticatedUser): boolean {
  return user.role === 'admin' || user.role === 'supervisor';
}

@Injectable()
export class CallsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly calls: CallsRepository,
    private readonly recordings: RecordingsRepository,
    private readonly contacts: ContactsService,
    private readonly pbx: PbxConnectionService,
    private readonly settings: TelephonySettingsRepository,
    private readonly audit: AuditService,
    merges: ContactMergeRegistry,
  ) {
    merges.register({ name: 'calls', reassignContact: (tx, from, to) => this.calls.reassignContact(tx, from, to) });
  }

  async list(query: ListCallsQuery, user: AuthenticatedUser) {
    const { limit, offset, ...filter } = query;
    const page = await this.calls.page(
      { ...filter, visibleTo: seesAllCalls(user) ? undefined : user.id },
      limit,
      offset,
    );
    return { items: page.rows, total: page.total, limit, offset };
  }

  async get(id: string, user: AuthenticatedUser) {
    const call = await this.calls.findWithParties(id);
    if (!call) throw ApiError.notFound('Call', id);
    const visible =
      seesAllCalls(user) ||
      call.answeredByUserId === user.id ||
      call.ringingUserIds.includes(user.id) ||
      call.contactResponsibleUserId === user.id;
    if (!visible) throw ApiError.forbidden('This call is not one of yours; ask a supervisor.');
    const recording = await this.recordings.findByCallId(id);
    return {
      ...call,
      recording: recording
        ? {
            status: recording.deletedAt ? 'deleted' : recording.storedAt ? 'available' : 'pending',
            contentType: recording.contentType,
            sizeBytes: recording.sizeBytes,
            durationSeconds: recording.durationSeconds,
            expiresAt: recording.expiresAt,
          }
        : null,
    };
  }

  /** Click-to-call: the PBX rings the consultant's extension, then dials the number. */
  async originate(dto: OriginateDto, user: AuthenticatedUser) {
    if (!user.phoneExtension)
      throw ApiError.validation(
        { phoneExtension: 'Your user has no phone extension; ask an administrator to set one.' },
        'Your user has no phone extension.',
      );
    let to: string | null;
    if (dto.contactId) {
      const contact = await this.contacts.get(dto.contactId);
      to = contact.phones[0]?.e164 ?? null;
      if (!to) throw ApiError.validation({ contactId: 'This contact has no phone number.' });
    } else {
      to = this.contacts.normalizePhone(dto.number!);
      if (!to)
        throw ApiError.validation({ number: 'Enter a valid phone number, for example 069123456 or +373 69 123 456.' });
    }
    const result = await this.pbx.originate({
      fromExtension: user.phoneExtension,
      to,
      callerId: this.config.telephony.twilio.callerId,
    });
    await this.audit.record({
      action: 'call.originate',
      entityType: 'call',
      entityId: result.callId ?? null,
      after: { to, fromExtension: user.phoneExtension, contactId: dto.contactId ?? null },
    });
    return { status: 'dialing', to, fromExtension: user.phoneExtension, providerCallId: result.callId ?? null };
  }

  async getSettings() {
    const row = await this.settings.get();
    if (!row) throw ApiError.notFound('Telephony settings');
    const { lastAssignedUserId: _cursor, id: _id, ...visible } = row;
    return visible;
  }

  async updateSettings(dto: TelephonySettingsDto) {
    const before = await this.getSettings();
    await this.db.transaction(async (tx) => {
      const after = await this.settings.update(tx, dto);
      await this.audit.record({ action: 'update', entityType: 'telephony_settings', entityId: '1', before, after }, tx);
    });
    return this.getSettings();
  }
}
