import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { PipelinesModule } from '../pipelines/pipelines.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { CardSegmentPredicates } from './card-segment-predicates.js';
import { CardStageListeners } from './card-stage-listeners.js';
import { CardNotesService } from './card-notes.service.js';
import { CardsController } from './cards.controller.js';
import { ConsultationCardsService } from './consultation-cards.service.js';
import { ConsultationsDemoSeed } from './consultations-demo.seed.js';
import { ConsultationsRepository } from './consultations.repository.js';
import { OpenTaskPolicyService } from './open-task-policy.service.js';

/**
 * Consultation cards, stage history, notes and the open-task policy. Exported for other domains:
 * `ConsultationCardsService` (getVisible, create, update), `OpenTaskPolicyService` (cardsWithoutOpenTask, workBlockers)
 * and `CardStageListeners` (register a reaction to a card entering a stage, run after the commit).
 */
@Module({
  imports: [PipelinesModule, ContactsModule, SegmentsModule],
  controllers: [CardsController],
  providers: [
    CardSegmentPredicates,
    CardStageListeners,
    ConsultationsRepository,
    ConsultationCardsService,
    CardNotesService,
    OpenTaskPolicyService,
    ConsultationsDemoSeed,
  ],
  exports: [ConsultationCardsService, OpenTaskPolicyService, CardStageListeners],
})
export class ConsultationsModule {}
