import { ilike, sql, type SQL } from 'drizzle-orm';
import { contactPhones, contacts } from './contacts.schema.js';
import { phoneDigitsOfQuery } from './phone-number.js';

/**
 * The fuzzy contact search as SQL (shared by ContactsRepository and bench/contacts, which runs without Nest).
 * Names match by pg_trgm word similarity (`<%`, GIN trigram index on display_name; a substring of a word also
 * matches); a query with "@" or "." searches e-mails by substring (GIN trigram index on email); a query that looks
 * like a phone number matches E.164 digits (GIN trigram index on e164).
 */

/** How close a query must be to a word of the name (pg_trgm word_similarity) to match; "Popscu" vs "Ion Popescu" is 0.5. */
export const WORD_SIMILARITY_THRESHOLD = 0.4;

/**
 * A fuzzy search ranks at most this many index hits. A common surname alone ("Rusu") matches ~1% of a million
 * contacts; ranking all of them costs hundreds of milliseconds, ranking 2,000 a few. Typing more (first name,
 * locality filter) narrows the hits below the cap, where ranking is exact.
 */
export const FUZZY_CANDIDATE_LIMIT = 2000;

/**
 * Run before a search in the same transaction. pg_trgm's default cut-off (0.6) misses one-letter typos in short
 * names; and the planner underestimates word_similarity() per row, so on small and mid-sized tables it scans the
 * whole table (75 ms at 20k rows) instead of the trigram index (5 ms): sequential scans are off for this transaction.
 */
export const setFuzzyThreshold = (): SQL =>
  sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true), set_config('enable_seqscan', 'off', true)`;

export function contactMatchesQuery(q: string): SQL {
  const digits = phoneDigitsOfQuery(q);
  if (digits)
    return sql`${contacts.id} in (select ${contactPhones.contactId} from ${contactPhones} where ${contactPhones.e164} like ${`%${digits}%`})`;
  // One indexable predicate per query: an OR of name and e-mail makes the planner fall back to a sequential scan.
  if (/[@.]/.test(q)) return ilike(contacts.email, `%${escapeLike(q)}%`);
  return sql`${q} <% ${contacts.displayName}`;
}

/** Best first: how well the query matches a word of the name or the e-mail. */
export function contactSearchRank(q: string): SQL {
  if (phoneDigitsOfQuery(q)) return sql`1`;
  if (/[@.]/.test(q)) return sql`similarity(${q}, coalesce(${contacts.email}, ''))`;
  return sql`word_similarity(${q}, ${contacts.displayName})`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Screen-pop in one round trip: the contact owning `e164` (one hit on contact_phones_e164_key) with all its phones.
 * Use as `db.select(contactWithPhonesColumns).from(contactPhones).innerJoin(contacts, …).where(eq(contactPhones.e164, e164))`.
 */
export const contactWithPhonesColumns = {
  contact: contacts,
  phones: sql<
    { id: string; contactId: string; e164: string; label: string | null; isPrimary: boolean; createdAt: string }[]
  >`coalesce((
    select json_agg(json_build_object('id', p.id, 'contactId', p.contact_id, 'e164', p.e164, 'label', p.label, 'isPrimary', p.is_primary, 'createdAt', p.created_at))
    from ${contactPhones} p where p.contact_id = ${contacts.id}), '[]'::json)`,
};
