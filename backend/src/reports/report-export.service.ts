import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { AuditService } from '../audit/audit.service.js';
import { writeSpreadsheet } from '../spreadsheets/spreadsheet-file.js';
import { REPORT_TABLES } from './report-exports.js';
import type { ReportExportQuery, ReportName } from './reports.dto.js';
import { ReportsService } from './reports.service.js';

export type ExportedReport = { content: Buffer; fileName: string; rows: number };

/** CSV/XLSX of one dashboard, through the spreadsheets writer contacts use; every export is audited. */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
  ) {}

  async export(report: ReportName, query: ReportExportQuery, user: AuthenticatedUser): Promise<ExportedReport> {
    const { format, ...filters } = query;
    const scope = this.reports.scope(filters, user);
    const result = await this.run(report, scope, user);
    const table = REPORT_TABLES[report](result as never);
    const content = await writeSpreadsheet(table.headers, table.rows, format, table.sheetName);
    await this.audit.record({
      action: 'report.export',
      entityType: 'report',
      entityId: null,
      after: { report, scope, format, rows: table.rows.length },
    });
    return { content, fileName: `raport-${report}-${scope.from}-${scope.to}.${format}`, rows: table.rows.length };
  }

  private run(report: ReportName, scope: ReturnType<ReportsService['scope']>, user: AuthenticatedUser) {
    switch (report) {
      case 'calls':
        return this.reports.calls(scope);
      case 'requests':
        return this.reports.requests(scope);
      case 'stages':
        return this.reports.stages(scope);
      case 'overdue-tasks':
        return this.reports.overdueTasks(scope);
      case 'cards-without-task':
        return this.reports.cardsWithoutTask(scope);
      case 'campaigns':
        return this.reports.campaigns(scope, user);
    }
  }
}
