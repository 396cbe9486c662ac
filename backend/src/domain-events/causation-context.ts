import { AsyncLocalStorage } from 'node:async_hooks';
import type { Causation } from './domain-event-types.js';

const storage = new AsyncLocalStorage<Causation>();

/**
 * Carries the causation of an automation run through the services its actions call, so the events those services
 * publish remember which rules caused them (loop guard) without every service passing it along.
 */
export const causationContext = {
  run<T>(causation: Causation, fn: () => T): T {
    return storage.run(causation, fn);
  },
  current(): Causation {
    return storage.getStore() ?? { depth: 0, ruleIds: [] };
  },
};
