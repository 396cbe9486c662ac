import { Module } from '@nestjs/common';
import { CampaignResultsQuery } from './campaign-results.query.js';
import { LiveStateRepository } from './live-state.repository.js';
import { ReportExportService } from './report-export.service.js';
import { ReportsRollupService } from './reports-rollup.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/**
 * Supervision dashboards under /api/reports and their rollup job. Exported: `ReportsRollupService` (refreshRecent,
 * rebuild) for jobs and benches.
 */
@Module({
  controllers: [ReportsController],
  providers: [
    ReportsRepository,
    LiveStateRepository,
    ReportsService,
    ReportExportService,
    ReportsRollupService,
    CampaignResultsQuery,
  ],
  exports: [ReportsRollupService],
})
export class ReportsModule {}
