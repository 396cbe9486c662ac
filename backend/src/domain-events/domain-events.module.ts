import { Global, Module } from '@nestjs/common';
import { OutboxDispatcher } from '../conversations/outbox-dispatcher.js';
import { OutboxRepository } from '../conversations/outbox.repository.js';
import { DomainEventsRepository } from './domain-events.repository.js';
import { DomainEvents } from './domain-events.service.js';

/**
 * The transactional outbox (its table and dispatcher started in conversations and now serve every domain) and the
 * durable domain events on top of it. Global: any service can `publish(tx, …)` and any module can `subscribe`.
 */
@Global()
@Module({
  providers: [OutboxRepository, OutboxDispatcher, DomainEventsRepository, DomainEvents],
  exports: [OutboxRepository, OutboxDispatcher, DomainEventsRepository, DomainEvents],
})
export class DomainEventsModule {}
