import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import type { CompanyRow } from './companies.schema.js';
import type { CompanySearchDto, CreateCompanyDto, UpdateCompanyDto } from './companies.dto.js';
import { CompaniesRepository } from './companies.repository.js';

/** Companies (SMEs): CRUD, search, and which contacts belong to them. */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly companies: CompaniesRepository,
    private readonly audit: AuditService,
  ) {}

  async get(id: string, tx: DatabaseExecutor = this.db): Promise<CompanyRow> {
    const row = await this.companies.findById(id, tx);
    if (!row) throw ApiError.notFound('Company', id);
    return row;
  }

  async search(dto: CompanySearchDto): Promise<{ items: CompanyRow[]; nextCursor: string | null }> {
    const { limit, cursor, ...filter } = dto;
    const offset = Math.max(0, Number(cursor ? Buffer.from(cursor, 'base64url').toString() : 0) || 0);
    const rows = await this.companies.search(filter, limit + 1, offset);
    return {
      items: rows.slice(0, limit),
      nextCursor: rows.length > limit ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    };
  }

  findByIdno(idno: string, tx?: DatabaseExecutor): Promise<CompanyRow | undefined> {
    return this.companies.findByIdno(idno, tx);
  }

  findByIds(ids: string[], tx?: DatabaseExecutor): Promise<CompanyRow[]> {
    return this.companies.findByIds([...new Set(ids)], tx);
  }

  findByName(name: string, tx?: DatabaseExecutor): Promise<CompanyRow | undefined> {
    return this.companies.findByName(name, tx);
  }

  async create(dto: CreateCompanyDto, tx?: DatabaseExecutor): Promise<CompanyRow> {
    return this.writing(dto.idno, tx, async (own) => {
      const row = await this.companies.insert(own, dto);
      await this.audit.record({ action: 'create', entityType: 'company', entityId: row.id, after: row }, own);
      return row;
    });
  }

  async update(id: string, dto: UpdateCompanyDto, tx?: DatabaseExecutor): Promise<CompanyRow> {
    return this.writing(dto.idno, tx, async (own) => {
      const before = await this.get(id, own);
      const row = await this.companies.update(own, id, dto);
      await this.audit.record({ action: 'update', entityType: 'company', entityId: id, before, after: row }, own);
      return row;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.get(id, tx);
      await this.companies.delete(tx, id);
      await this.audit.record({ action: 'delete', entityType: 'company', entityId: id, before }, tx);
    });
  }

  private async writing<T>(
    idno: string | null | undefined,
    tx: DatabaseExecutor | undefined,
    work: (tx: DatabaseExecutor) => Promise<T>,
  ): Promise<T> {
    try {
      return await (tx ?? this.db).transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'companies_idno_key')) {
        const other = idno ? await this.companies.findByIdno(idno) : undefined;
        throw ApiError.conflict('idno_taken', `Another company already has IDNO ${idno}; open that one instead.`, {
          companyId: other?.id,
        });
      }
      throw error;
    }
  }
}
