import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditForwarder } from './audit-forwarder.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, AuditForwarder],
  exports: [AuditService, AuditForwarder],
})
export class AuditModule {}
