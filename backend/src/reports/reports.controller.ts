import { Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { contentTypeOf } from '../spreadsheets/spreadsheet-file.js';
import {
  cardsWithoutTaskQueryDto,
  REPORT_NAMES,
  reportExportDto,
  reportQueryDto,
  rollupRebuildDto,
  type CardsWithoutTaskQuery,
  type ReportExportQuery,
  type ReportName,
  type ReportQuery,
  type RollupRebuildDto,
} from './reports.dto.js';
import { ReportExportService } from './report-export.service.js';
import { ReportsRollupService } from './reports-rollup.service.js';
import { ReportsService } from './reports.service.js';

/**
 * Supervision dashboards. Every signed-in user may call them: with `reports.view` for everyone (filter by
 * consultant), otherwise only one's own numbers. Dates are local days in TIME_ZONE.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly exports: ReportExportService,
    private readonly rollup: ReportsRollupService,
  ) {}

  @Get('calls')
  calls(@ValidQuery(reportQueryDto) query: ReportQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.calls(this.reports.scope(query, user));
  }

  @Get('requests')
  requests(@ValidQuery(reportQueryDto) query: ReportQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.requests(this.reports.scope(query, user));
  }

  @Get('stages')
  stages(@ValidQuery(reportQueryDto) query: ReportQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.stages(this.reports.scope(query, user));
  }

  @Get('overdue-tasks')
  overdueTasks(@ValidQuery(reportQueryDto) query: ReportQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.overdueTasks(this.reports.scope(query, user));
  }

  @Get('cards-without-task')
  cardsWithoutTask(
    @ValidQuery(cardsWithoutTaskQueryDto) query: CardsWithoutTaskQuery,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { limit, offset, ...filters } = query;
    return this.reports.cardsWithoutTask(this.reports.scope(filters, user), { limit, offset });
  }

  @Get('campaigns')
  campaigns(@ValidQuery(reportQueryDto) query: ReportQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.campaigns(this.reports.scope(query, user), user);
  }

  /** One report as CSV or XLSX (same filters and rights as the JSON endpoint). */
  @Get(':report/export')
  async export(
    @Param('report') report: string,
    @ValidQuery(reportExportDto) query: ReportExportQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!(REPORT_NAMES as readonly string[]).includes(report)) throw ApiError.notFound('Report', report);
    const file = await this.exports.export(report as ReportName, query, user);
    res.setHeader('content-type', contentTypeOf(query.format));
    res.setHeader('content-disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('x-row-count', String(file.rows));
    return new StreamableFile(file.content);
  }

  /** Re-aggregates the rollup tables from `fromDay` (default: the first data) on the worker: after imports or data fixes. */
  @Post('rollup/rebuild')
  @HttpCode(202)
  @RequirePermissions('settings.manage')
  async rebuild(@ValidBody(rollupRebuildDto) dto: RollupRebuildDto) {
    await this.rollup.enqueueRebuild(dto.fromDay);
    return { queued: true, fromDay: dto.fromDay ?? null };
  }
}
