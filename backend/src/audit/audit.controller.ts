import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidQuery } from '../common/zod-validation.js';
import { AuditService } from './audit.service.js';

const auditQuery = z.object({
  entityType: z.string().optional(),
  entityId: z.string().optional(),
  actorUserId: z.string().optional(),
  action: z.string().optional(),
  beforeId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions('audit.view')
  list(@ValidQuery(auditQuery) query: z.infer<typeof auditQuery>) {
    return this.audit.search(query);
  }

  @Get('verify')
  @RequirePermissions('audit.view')
  verify() {
    return this.audit.verifyChain();
  }
}
