import { Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { ApiError } from '../../common/api-error.js';
import { parseOrThrow } from '../../common/zod-validation.js';
import type { Database, DatabaseExecutor } from '../../database/database-connection.js';
import { InjectDatabase } from '../../database/database.module.js';
import { mapColumns, rowRecord } from '../../spreadsheets/column-mapping.js';
import { importRowsInSavepoints, type ImportReport, type RowOutcome } from '../../spreadsheets/row-import.js';
import {
  readSpreadsheet,
  SpreadsheetReadError,
  writeSpreadsheet,
  type SpreadsheetCell,
} from '../../spreadsheets/spreadsheet-file.js';
import type { UploadedSpreadsheet } from '../../spreadsheets/spreadsheet-upload.js';
import { createCompanyDto, updateCompanyDto, type CompanyExportDto } from '../companies.dto.js';
import { CompaniesRepository } from '../companies.repository.js';
import { CompaniesService } from '../companies.service.js';
import {
  COMPANY_COLUMNS,
  COMPANY_EXPORT_HEADERS,
  companyExportRow,
  companySizeOf,
  type CompanyImportRecord,
} from './company-columns.js';

/** Companies in and out of CSV/XLSX; imports update the company with the same IDNO. */
@Injectable()
export class CompanyTransferService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: CompaniesRepository,
    private readonly companies: CompaniesService,
    private readonly audit: AuditService,
  ) {}

  async export(query: CompanyExportDto): Promise<{ content: Buffer; fileName: string; rows: number }> {
    const { format, ...filter } = query;
    const rows: SpreadsheetCell[][] = [];
    for await (const batch of this.repository.streamFiltered(filter)) rows.push(...batch.map(companyExportRow));
    const content = await writeSpreadsheet(COMPANY_EXPORT_HEADERS, rows, format, 'Companii');
    await this.audit.record({
      action: 'company.export',
      entityType: 'company',
      after: { filter, format, rows: rows.length },
    });
    return { content, fileName: `companii-${new Date().toISOString().slice(0, 10)}.${format}`, rows: rows.length };
  }

  async import(file: UploadedSpreadsheet, dryRun: boolean): Promise<ImportReport> {
    const table = await readSpreadsheet(file.content, file.format).catch((error: unknown) => {
      if (error instanceof SpreadsheetReadError)
        throw ApiError.validation({ file: error.message }, 'The file could not be read.');
      throw error;
    });
    const { columns, unknown } = mapColumns(table.headers, COMPANY_COLUMNS);
    if (columns.name === undefined && columns.idno === undefined)
      throw ApiError.validation(
        { file: 'The first row must name the columns, for example Denumire, IDNO, Mărime, Sector, Localitate.' },
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
            action: 'company.import',
            entityType: 'company',
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

  private async importRow(tx: DatabaseExecutor, record: CompanyImportRecord): Promise<RowOutcome> {
    const values = {
      name: record.name,
      idno: record.idno?.replace(/\s/g, ''),
      size: companySizeOf(record.size),
      sector: record.sector,
      locality: record.locality,
      address: record.address,
      website: record.website,
    };
    const present = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    const existing = values.idno ? await this.repository.findByIdno(values.idno, tx) : undefined;
    if (existing) {
      await this.companies.update(existing.id, parseOrThrow(updateCompanyDto, present), tx);
      return 'updated';
    }
    await this.companies.create(parseOrThrow(createCompanyDto, present), tx);
    return 'imported';
  }
}
