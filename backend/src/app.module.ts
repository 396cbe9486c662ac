import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { LoggerModule } from './common/logger.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import type { DatabaseConnection } from './database/database-connection.js';
import { DatabaseModule } from './database/database.module.js';
import { CompaniesModule } from './companies/companies.module.js';
import { CallsModule } from './calls/calls.module.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { SegmentsModule } from './segments/segments.module.js';
import { HealthModule } from './health/health.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { RedisModule } from './redis/redis.module.js';
import { SeedModule } from './seed/seed.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { ConversationsModule } from './conversations/conversations.module.js';
import { LeadsModule } from './leads/leads.module.js';
import { WebchatModule } from './webchat/webchat.module.js';
import { PipelinesModule } from './pipelines/pipelines.module.js';
import { ConsultationsModule } from './consultations/consultations.module.js';
import { CardFilesModule } from './card-files/card-files.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { MessageTemplatesModule } from './message-templates/message-templates.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { DomainEventsModule } from './domain-events/domain-events.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { AutomationModule } from './automation/automation.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { MailchimpModule } from './mailchimp/mailchimp.module.js';

/** Domain modules, one line each. */
const DOMAIN_MODULES = [
  HealthModule,
  ContactsModule,
  CompaniesModule,
  SegmentsModule,
  PipelinesModule,
  ConsultationsModule,
  CardFilesModule,
  TasksModule,
  ConversationsModule,
  WebchatModule,
  LeadsModule,
  CallsModule,
  MessageTemplatesModule,
  CampaignsModule,
  NotificationsModule,
  AutomationModule,
  ReportsModule,
  MailchimpModule,
];

@Module({})
export class AppModule {
  static create(config: AppConfig, connection: DatabaseConnection, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(logger),
        DatabaseModule.forConnection(connection),
        RedisModule,
        QueuesModule,
        AuditModule,
        AuthModule,
        RealtimeModule,
        SeedModule,
        TimelineModule,
        DomainEventsModule,
        ...DOMAIN_MODULES,
      ],
    };
  }
}
