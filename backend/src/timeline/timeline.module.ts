import { Global, Module } from '@nestjs/common';
import { TimelineRepository } from './timeline.repository.js';
import { TimelineService } from './timeline.service.js';

/** Global: every domain appends to the timeline. The feed endpoints live with contacts and cards. */
@Global()
@Module({ providers: [TimelineRepository, TimelineService], exports: [TimelineService] })
export class TimelineModule {}
