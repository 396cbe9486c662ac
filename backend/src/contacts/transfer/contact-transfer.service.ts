import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { ApiError } from '../../common/api-error.js';
import { parseOrThrow } from '../../common/zod-validation.js';
import { idnoDto } from '../../companies/companies.dto.js';
import { CompaniesService } from '../../companies/companies.service.js';
import type { Database, DatabaseExecutor } from '../../database/database-connection.js';
import { InjectDatabase } from '../../database/database.module.js';
import { mapColumns, rowRecord } from '../../spreadsheets/column-mapping.js';
import { importRowsInSavepoints, type ImportReport, type RowOutcome } from '../../spreadsheets/row-import.js';
import { readSpreadsheet, SpreadsheetReadError, writeSpreadsheet } from '../../spreadsheets/spreadsheet-file.js';
import type { UploadedSpreadsheet } from '../../spreadsheets/spreadsheet-upload.js';
import { updateContactDto, type ContactExportDto, type UpdateContactDto } from '../contacts.dto.js';
import { ContactsRepository } from '../contacts.repository.js';
import { ContactsService } from '../contacts.service.js';
import {
  CONTACT_COLUMNS,
  CONTACT_EXPORT_HEADERS,
  consentOfRecord,
  contactExportRow,
  splitList,
  type ContactImportRecord,
} from './contact-columns.js';

export type ExportedFile = { content: Buffer; fileName: string; rows: number };

/** Contacts in and out of CSV/XLSX: exports follow the search filters; imports update contacts matched by phone. */
@Injectable()
export class ContactTransferService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly contactsRepository: ContactsRepository,
    private readonly contacts: ContactsService,
    private readonly companies: CompaniesService,
    private readonly audit: AuditService,
  ) {}

  async export(query: ContactExportDto): Promise<ExportedFile> {
    const { format, ...filter } = query;
    const rows = [];
    for await (const batch of this.contactsRepository.streamFiltered(filter)) {
      const views = await this.contacts.views(batch);
      const companies = new Map(
        (await this.companies.findByIds(batch.flatMap((c) => (c.companyId ? [c.companyId] : [])))).map((c) => [
          c.id,
          c,
        ]),
      );
      for (const contact of views)
        rows.push(contactExportRow(contact, contact.companyId ? companies.get(contact.companyId) : undefined));
    }
    const content = await writeSpreadsheet(CONTACT_EXPORT_HEADERS, rows, format, 'Contacte');
    await this.audit.record({
      action: 'contact.export',
      entityType: 'contact',
      after: { filter, format, rows: rows.length },
    });
    return { content, fileName: `contacte-${new Date().toISOString().slice(0, 10)}.${format}`, rows: rows.length };
  }

  async import(file: UploadedSpreadsheet, dryRun: boolean): Promise<ImportReport> {
    const table = await readSpreadsheet(file.content, file.format).catch((error: unknown) => {
      if (error instanceof SpreadsheetReadError)
        throw ApiError.validation({ file: error.message }, 'The file could not be read.');
      throw error;
    });
    const { columns, unknown } = mapColumns(table.headers, CONTACT_COLUMNS);
    if (
      columns.phones === undefined &&
      columns.firstName === undefined &&
      columns.lastName === undefined &&
      columns.email === undefined
    )
      throw ApiError.validation(
        {
          file: 'The first row must name the columns, for example Nume, Prenume, Telefon, Email, Localitate, Activitate, Companie, IDNO, Etichete.',
        },
        'No known column was found in the header row.',
      );
    return importRowsInSavepoints({
      db: this.db,
      rows: table.rows.map((row) => ({ rowNumber: row.rowNumber, record: rowRecord(row.cells, columns) })),
      dryRun,
      unknownColumns: unknown,
      importRow: (tx, row) => this.importRow(tx, row.record),
      finish: async (tx, report) => {
        await this.audit.record(
          {
            action: 'contact.import',
            entityType: 'contact',
            after: {
              file: file.name ?? null,
              format: file.format,
              rows: table.rows.length,
              imported: report.imported,
              updated: report.updated,
              rejected: report.rejected.length,
            },
          },
          tx,
        );
      },
    });
  }

  /** One row: validated like the API input; updates the contact owning one of its numbers, else creates one. */
  private async importRow(tx: DatabaseExecutor, record: ContactImportRecord): Promise<RowOutcome> {
    const input = parseOrThrow(updateContactDto, {
      firstName: record.firstName,
      lastName: record.lastName,
      email: record.email,
      locality: record.locality,
      district: record.district,
      activityType: record.activityType,
      language: record.language?.toLowerCase(),
      source: record.source,
      notes: record.notes,
      tags: record.tags ? splitList(record.tags) : undefined,
      phones: record.phones ? splitList(record.phones) : undefined,
    });
    const phones = this.contacts.normalizePhones(input.phones ?? []);
    if (!phones.length && !input.firstName && !input.lastName && !input.email)
      throw ApiError.validation({ _: 'Give at least a name, a phone number or an e-mail.' }, 'The row is empty.');
    const consent = consentOfRecord(record);
    const companyId = await this.companyOf(tx, record);

    const owners = [
      ...new Set(
        (
          await this.contactsRepository.phoneOwners(
            phones.map((p) => p.e164),
            tx,
          )
        ).map((o) => o.contactId),
      ),
    ];
    if (owners.length > 1)
      throw ApiError.validation(
        { phones: `These numbers belong to different contacts (${owners.join(', ')}); merge them first.` },
        'The numbers belong to different contacts.',
      );
    const fields: UpdateContactDto = {
      ...definedOnly({ ...input, phones: undefined }),
      ...(companyId ? { companyId } : {}),
    };
    if (owners.length === 1) {
      const existing = await this.contacts.get(owners[0], tx);
      const allPhones = [
        ...existing.phones.map((p) => p.e164),
        ...phones.map((p) => p.e164).filter((e) => !existing.phones.some((p) => p.e164 === e)),
      ];
      await this.contacts.update(
        existing.id,
        {
          ...fields,
          tags: [...new Set([...existing.tags, ...(input.tags ?? [])])],
          consent: { ...existing.consent, ...consent },
          phones: allPhones.map((e164, index) => ({
            number: e164,
            label: existing.phones.find((p) => p.e164 === e164)?.label ?? undefined,
            isPrimary: index === 0,
          })),
        },
        tx,
      );
      return 'updated';
    }
    await this.contacts.create(
      {
        language: 'ro',
        tags: [],
        customFields: {},
        ...fields,
        source: fields.source ?? 'import',
        consent,
        phones: phones.map((p) => p.e164),
      },
      tx,
    );
    return 'imported';
  }

  /** The company named by IDNO (found) or by name (found, or created with the IDNO). */
  private async companyOf(tx: DatabaseExecutor, record: ContactImportRecord): Promise<string | undefined> {
    if (!record.idno && !record.company) return undefined;
    const idno = record.idno?.replace(/\s/g, '');
    if (idno && !idnoDto.safeParse(idno).success)
      throw ApiError.validation({ idno: `"${record.idno}" is not an IDNO: it has exactly 13 digits.` });
    const found =
      (idno && (await this.companies.findByIdno(idno, tx))) ||
      (record.company && (await this.companies.findByName(record.company, tx)));
    if (found) return found.id;
    if (!record.company)
      throw ApiError.validation({ idno: `No company has IDNO ${idno}; add its name in the Companie column.` });
    return (await this.companies.create({ name: record.company, idno: idno ?? null, customFields: {} }, tx)).id;
  }
}

function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
