import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import {
  closeTaskDto,
  createTaskDto,
  listTasksQuery,
  updateTaskDto,
  type CloseTaskDto,
  type CreateTaskDto,
  type ListTasksQuery,
  type UpdateTaskDto,
} from './tasks.dto.js';
import { TasksService } from './tasks.service.js';

/** Tasks: everyone signed in works their own; department rights decide which colleagues' tasks are visible. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@ValidQuery(listTasksQuery) query: ListTasksQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.tasks.list(query, user);
  }

  @Post()
  create(@ValidBody(createTaskDto) dto: CreateTaskDto, @CurrentUser() user: AuthenticatedUser) {
    return this.tasks.create(dto, user);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.tasks.get(id, user);
  }

  @Patch(':id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(updateTaskDto) dto: UpdateTaskDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.tasks.update(id, dto, user);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(closeTaskDto) dto: CloseTaskDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.tasks.close(id, dto.result, user);
  }
}
