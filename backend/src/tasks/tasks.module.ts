import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { TasksController } from './tasks.controller.js';
import { TasksDemoSeed } from './tasks-demo.seed.js';
import { TasksRepository } from './tasks.repository.js';
import { TasksService } from './tasks.service.js';
import { TaskOverdueScanner } from './task-overdue.scanner.js';

/** Tasks and subtasks. Exported: `TasksService` (create, close, list, get), `TaskOverdueScanner` (publishes task.overdue). */
@Module({
  imports: [ConsultationsModule, ContactsModule],
  controllers: [TasksController],
  providers: [TasksRepository, TasksService, TasksDemoSeed, TaskOverdueScanner],
  exports: [TasksService, TaskOverdueScanner],
})
export class TasksModule {}
