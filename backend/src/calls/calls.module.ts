import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { RecordingPlaybackService } from '../recordings/recording-playback.service.js';
import { recordingsObjectStoreProvider } from '../recordings/recordings-object-store.provider.js';
import { RecordingsArchiveService } from '../recordings/recordings-archive.service.js';
import { RecordingsController } from '../recordings/recordings.controller.js';
import { RecordingsRepository } from '../recordings/recordings.repository.js';
import { RecordingsService } from '../recordings/recordings.service.js';
import { WorkingHoursController } from '../working-hours/working-hours.controller.js';
import { WorkingHoursRepository } from '../working-hours/working-hours.repository.js';
import { WorkingHoursService } from '../working-hours/working-hours.service.js';
import { CallbackTaskCreator, OpenCardsLookup } from './call-collaborators.js';
import { CallEventsService } from './call-events.service.js';
import { CallRoutingService } from './call-routing.service.js';
import { CallbackTasksService } from './callback-tasks.service.js';
import { CallsController } from './calls.controller.js';
import { CallsRepository } from './calls.repository.js';
import { CallsService } from './calls.service.js';
import { ExtensionDirectory } from './extension-directory.js';
import { ConsultationOpenCardsLookup } from './open-cards.lookup.js';
import { PbxAdapterFactory } from './pbx-adapter.factory.js';
import { PbxConnectionService } from './pbx-connection.service.js';
import { RingingCallsBatcher } from './ringing-calls.batcher.js';
import { ScreenPopLookup } from './screen-pop.lookup.js';
import { TasksCallbackTaskCreator } from './tasks-callback-task-creator.js';
import { TelephonyRoutingController } from './telephony-routing.controller.js';
import { TelephonySettingsRepository } from './telephony-settings.repository.js';
import { TelephonyWebhooksController } from './telephony-webhooks.controller.js';
import { TelephonyWebhooksService } from './telephony-webhooks.service.js';

/**
 * Telephony: calls (ingest, screen-pop, routing, call-backs, click-to-call, PBX connection and webhooks), their
 * recordings (backend/src/recordings) and the opening hours they are judged by (backend/src/working-hours).
 * RecordingsController comes before CallsController so `calls/recordings.zip` is not taken for `calls/:id`.
 */
@Module({
  imports: [ContactsModule, TasksModule],
  controllers: [
    RecordingsController,
    CallsController,
    TelephonyRoutingController,
    TelephonyWebhooksController,
    WorkingHoursController,
  ],
  providers: [
    CallsRepository,
    ExtensionDirectory,
    TelephonySettingsRepository,
    WorkingHoursRepository,
    WorkingHoursService,
    RecordingsRepository,
    recordingsObjectStoreProvider,
    RecordingsService,
    RecordingPlaybackService,
    RecordingsArchiveService,
    ScreenPopLookup,
    RingingCallsBatcher,
    CallEventsService,
    CallbackTasksService,
    CallRoutingService,
    CallsService,
    PbxAdapterFactory,
    PbxConnectionService,
    TelephonyWebhooksService,
    { provide: OpenCardsLookup, useClass: ConsultationOpenCardsLookup },
    { provide: CallbackTaskCreator, useClass: TasksCallbackTaskCreator },
  ],
  exports: [CallEventsService, CallsService, CallRoutingService, WorkingHoursService, RecordingsService],
})
export class CallsModule {}
