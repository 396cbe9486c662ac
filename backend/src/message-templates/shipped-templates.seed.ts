import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MessageTemplatesService } from './message-templates.service.js';

/** The shipped ro/ru/en defaults exist on every database from its first start. */
@Injectable()
export class ShippedTemplatesSeed implements OnModuleInit {
  constructor(private readonly templates: MessageTemplatesService) {}

  async onModuleInit(): Promise<void> {
    await this.templates.ensureShippedDefaults();
  }
}
