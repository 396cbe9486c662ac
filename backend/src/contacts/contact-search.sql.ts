import { and, desc, getTableColumns, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { contactNameWords, contactPhones, contacts } from './contacts.schema.js';
import { phoneDigitsOfQuery } from './phone-number.js';

/**
 * The fuzzy contact search as SQL (shared by ContactsRepository and bench/contacts, which runs without Nest).
 * Names: every word of the query is matched by pg_trgm word similarity (`<%`, typos and word prefixes allowed) against
 * the dictionary of name words (contact_name_words, a few thousand rows per million contacts), and a contact matches
 * when its name holds one of the close words for every query word (GIN index contacts_name_words_idx). A query with
 * "@" or "." searches e-mails by substring (GIN trigram index on email); a query that looks like a phone number
 * matches E.164 digits (GIN trigram index on e164).
 */

/** How close a query word must be to a name word (pg_trgm word_similarity); "popscu" vs "popescu" is 0.5. */
export const WORD_SIMILARITY_THRESHOLD = 0.4;

/**
 * The closest dictionary words kept per query word ("popscu" → popescu, popa, …). Best by word similarity, then by
 * whole-word similarity, so "morau" keeps "moraru" ahead of "morarescu", "morarache" and the other Morar- names.
 */
export const NAME_WORD_CANDIDATES = 16;

/** E-mail and phone searches rank at most this many matches; typing more narrows the hits below the cap. */
export const FUZZY_CANDIDATE_LIMIT = 2000;

/**
 * Run before a search in the same transaction. pg_trgm's default cut-off (0.6) misses one-letter typos in short
 * names; and the planner underestimates word_similarity() per row, so on small and mid-sized tables it scans the
 * whole table instead of the trigram and word indexes: sequential scans are off for this transaction.
 */
export const setFuzzyThreshold = (): SQL =>
  sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true), set_config('enable_seqscan', 'off', true)`;

/** The words of a display name, split as contacts_name_words_idx and the contact_name_words triggers split them. */
export const contactNameWordsOf = sql`string_to_array(lower(${contacts.displayName}), ' ')`;

/** The query's words (a name search), or null when the query is a phone number or an e-mail fragment. */
export function nameWordsOfQuery(q: string): string[] | null {
  if (phoneDigitsOfQuery(q) || /[@.]/.test(q)) return null;
  const words = q.trim().split(/\s+/).filter(Boolean);
  return words.length ? words : null;
}

/** The dictionary words closest to one query word, best first (an array, null when none is close enough). */
function closeNameWords(word: string): SQL {
  return sql`(select array_agg(close.word) from ${scoredCloseNameWords(word, NAME_WORD_CANDIDATES)} close)`;
}

export function contactMatchesQuery(q: string): SQL {
  const digits = phoneDigitsOfQuery(q);
  if (digits)
    return sql`${contacts.id} in (select ${contactPhones.contactId} from ${contactPhones} where ${contactPhones.e164} like ${`%${digits}%`})`;
  // One indexable predicate per query: an OR of name and e-mail makes the planner fall back to a sequential scan.
  if (/[@.]/.test(q)) return ilike(contacts.email, `%${escapeLike(q)}%`);
  const words = nameWordsOfQuery(q) ?? [q];
  return and(...words.map((word) => sql`${contactNameWordsOf} && ${closeNameWords(word)}`))!;
}

/** Best first: how well the query matches a word of the name or the e-mail. */
export function contactSearchRank(q: string): SQL {
  if (phoneDigitsOfQuery(q)) return sql`1`;
  if (/[@.]/.test(q)) return sql`similarity(${q}, coalesce(${contacts.email}, ''))`;
  return sql`word_similarity(${q}, ${contacts.displayName})`;
}

/** The dictionary words closest to one query word with their scores, best first (a subquery to select from). */
function scoredCloseNameWords(word: string, limit: number): SQL {
  return sql`(
    select ${contactNameWords.word} as word, word_similarity(${word}, ${contactNameWords.word}) as score,
           similarity(${word}, ${contactNameWords.word}) as closeness
    from ${contactNameWords} where ${word} <% ${contactNameWords.word} order by score desc, closeness desc, word limit ${limit})`;
}

/**
 * Close words kept per query word when combining several words: 16 × 16 pairs for two words, 8³ for three, 5⁴ and
 * fewer beyond (the combinations are ranked in memory, then only the best NAME_WORD_CANDIDATES are looked up).
 */
function closeWordsPerQueryWord(wordCount: number): number {
  return wordCount <= 2 ? NAME_WORD_CANDIDATES : wordCount === 3 ? 8 : wordCount <= 5 ? 5 : 3;
}

/**
 * The best NAME_WORD_CANDIDATES combinations of close dictionary words, one per query word, ranked by their summed
 * word similarity ("ion popscu" → [ion, popescu], [ion, popa], [ioan, popescu], …), as (words, score, closeness).
 */
function closeNameWordCombinations(words: string[]): SQL {
  const perWord = closeWordsPerQueryWord(words.length);
  const sources = words.map((word, i) => sql`${scoredCloseNameWords(word, perWord)} ${sql.raw(`w${i}`)}`);
  const column = (name: string) =>
    sql.join(
      words.map((_, i) => sql.raw(`w${i}.${name}`)),
      sql` + `,
    );
  return sql`(
    select array[${sql.join(
      words.map((_, i) => sql.raw(`w${i}.word`)),
      sql`, `,
    )}] as words, ${column('score')} as score, ${column('closeness')} as closeness
    from ${sql.join(sources, sql` cross join `)}
    order by score desc, closeness desc, words limit ${NAME_WORD_CANDIDATES})`;
}

/**
 * One page of a fuzzy search (`limit + 1` rows from `offset`, best first) among the contacts matching `where`.
 * A name query walks its close dictionary words best first — for one word the words themselves, for several the best
 * combinations of one close word per query word — and takes, per word or combination, only the contacts the page
 * needs (one GIN lookup with `@>`, contacts of one combination rank equal and come in storage order, which stays put
 * between pages). So "Popescu" (21k contacts) or "Ion Popescu" (1,200) cost what a rare name costs: nothing is ranked
 * but the page's candidates. E-mail and phone queries rank their at most FUZZY_CANDIDATE_LIMIT matches.
 * Run after setFuzzyThreshold().
 */
export function fuzzyContactsPage(
  tx: DatabaseExecutor,
  q: string,
  where: SQL | undefined,
  limit: number,
  offset: number,
) {
  const words = nameWordsOfQuery(q);
  if (words) {
    const close =
      words.length === 1
        ? sql`(select array[close.word] as words, close.score, close.closeness from ${scoredCloseNameWords(words[0], NAME_WORD_CANDIDATES)} close)`
        : closeNameWordCombinations(words);
    const ranked = sql`(
      select distinct on (hit.id) hit.id, close.score, close.closeness, close.words, hit.tid
      from ${close} close
      cross join lateral (
        select ${contacts.id} as id, ${contacts}.ctid as tid from ${contacts}
        where ${contactNameWordsOf} @> close.words and ${where ?? sql`true`} limit ${offset + limit + 1}
      ) hit
      order by hit.id, close.score desc, close.closeness desc, close.words
    ) as ranked`;
    return tx
      .select(getTableColumns(contacts))
      .from(contacts)
      .innerJoin(ranked, sql`ranked.id = ${contacts.id}`)
      .orderBy(sql`ranked.score desc, ranked.closeness desc, ranked.words, ranked.tid`)
      .limit(limit + 1)
      .offset(offset);
  }
  const matching = and(where, contactMatchesQuery(q));
  return tx
    .select()
    .from(contacts)
    .where(
      inArray(contacts.id, tx.select({ id: contacts.id }).from(contacts).where(matching).limit(FUZZY_CANDIDATE_LIMIT)),
    )
    .orderBy(desc(contactSearchRank(q)), contacts.id)
    .limit(limit + 1)
    .offset(offset);
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

/**
 * The screen-pop lookup as a named prepared statement (`contact_with_phones_by_e164`): PostgreSQL plans it once per
 * connection instead of on every call (planning this join costs more than running it: ~0.5 ms against ~0.15 ms at
 * 1M contacts), and Drizzle builds its SQL once. Execute with `{ e164 }`.
 */
export function prepareContactWithPhonesByE164(db: Database) {
  return db
    .select(contactWithPhonesColumns)
    .from(contactPhones)
    .innerJoin(contacts, eq(contacts.id, contactPhones.contactId))
    .where(eq(contactPhones.e164, sql.placeholder('e164')))
    .limit(1)
    .prepare('contact_with_phones_by_e164');
}
