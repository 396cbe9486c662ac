import { Injectable } from '@nestjs/common';
import { CallsRepository, type ConsultantRef } from './calls.repository.js';

/** How long an extension → consultant answer is reused: a user edit (new extension, deactivation) shows within this. */
export const EXTENSION_CACHE_TTL_MS = 5_000;

/**
 * Active consultants by phone extension, for the events of every call (ringing, answered, ended). Extensions change
 * only when an administrator edits a user, while a busy PBX asks for them many times a second, so answers are kept for
 * EXTENSION_CACHE_TTL_MS in this process. Only found extensions are kept: a consultant created or given an extension
 * is rung at once; an edit or deactivation takes effect within the TTL (there is no user-changed event to listen to
 * across API processes yet).
 */
@Injectable()
export class ExtensionDirectory {
  private readonly cache = new Map<string, { consultant: ConsultantRef; until: number }>();

  constructor(private readonly calls: CallsRepository) {}

  async consultantsAt(extensions: string[]): Promise<ConsultantRef[]> {
    if (!extensions.length) return [];
    const now = Date.now();
    const cached = new Map<string, ConsultantRef>();
    for (const extension of extensions) {
      const entry = this.cache.get(extension);
      if (entry && entry.until > now) cached.set(extension, entry.consultant);
    }
    const missing = extensions.filter((e) => !cached.has(e));
    if (missing.length) {
      for (const consultant of await this.calls.usersByExtensions(missing)) {
        this.cache.set(consultant.phoneExtension!, { consultant, until: now + EXTENSION_CACHE_TTL_MS });
        cached.set(consultant.phoneExtension!, consultant);
      }
    }
    const seen = new Set<string>();
    return extensions.flatMap((e) => {
      const consultant = cached.get(e);
      if (!consultant || seen.has(consultant.id)) return [];
      seen.add(consultant.id);
      return [consultant];
    });
  }
}
