import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { rawSpreadsheetBody } from '../spreadsheets/spreadsheet-upload.js';
import { CompanyTransferService } from './transfer/company-transfer.service.js';
import { CompaniesController } from './companies.controller.js';
import { CompaniesRepository } from './companies.repository.js';
import { CompaniesService } from './companies.service.js';

@Module({
  controllers: [CompaniesController],
  providers: [CompaniesRepository, CompaniesService, CompanyTransferService],
  exports: [CompaniesService],
})
export class CompaniesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(rawSpreadsheetBody).forRoutes({ path: 'companies/import', method: RequestMethod.POST });
  }
}
