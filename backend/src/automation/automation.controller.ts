import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  createRuleDto,
  listRunsQuery,
  updateRuleDto,
  type CreateRuleDto,
  type ListRunsQuery,
  type UpdateRuleDto,
} from './automation.dto.js';
import { AutomationRulesService } from './automation-rules.service.js';

/** Automation rules and their runs: for administrators and supervisors (`automation.manage`). */
@ApiTags('automation')
@ApiBearerAuth()
@Controller('automation')
@RequirePermissions('automation.manage')
export class AutomationController {
  constructor(private readonly rules: AutomationRulesService) {}

  @Get('catalogue')
  catalogue() {
    return this.rules.catalogue();
  }

  @Get('rules')
  list() {
    return this.rules.list();
  }

  @Post('rules')
  create(@ValidBody(createRuleDto) dto: CreateRuleDto, @CurrentUser() user: AuthenticatedUser) {
    return this.rules.create(dto, user.id);
  }

  @Get('rules/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.rules.get(id);
  }

  @Patch('rules/:id')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateRuleDto) dto: UpdateRuleDto) {
    return this.rules.update(id, dto);
  }

  @Delete('rules/:id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string) {
    await this.rules.remove(id);
  }

  @Get('rules/:id/runs')
  runs(@Param('id', ParseUUIDPipe) id: string, @ValidQuery(listRunsQuery) query: ListRunsQuery) {
    return this.rules.runs(id, query);
  }
}
