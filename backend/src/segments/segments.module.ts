import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module.js';
import { SegmentFilterCompiler } from './segment-filter.compiler.js';
import { SegmentPredicateRegistry } from './segment-predicate.registry.js';
import { SegmentsController } from './segments.controller.js';
import { SegmentsRepository } from './segments.repository.js';
import { SegmentsService } from './segments.service.js';

/**
 * Saved segments. Exported: `SegmentsService` (resolveContactIds, streamContacts) for campaigns,
 * `SegmentPredicateRegistry` for domains adding filter fields (consultations: cardStage, instrument),
 * `SegmentFilterCompiler` to validate/compile ad-hoc filters.
 */
@Module({
  imports: [ContactsModule],
  controllers: [SegmentsController],
  providers: [SegmentPredicateRegistry, SegmentFilterCompiler, SegmentsRepository, SegmentsService],
  exports: [SegmentsService, SegmentPredicateRegistry, SegmentFilterCompiler],
})
export class SegmentsModule {}
