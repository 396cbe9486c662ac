import { Injectable } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import type { ScreenPop, ScreenPopContact } from './screen-pop.js';

/** Everything a known caller's screen-pop shows, by the number they call from. */
export type KnownCallerPop = { contact: ScreenPopContact } & Pick<
  ScreenPop,
  'openCards' | 'lastInteractions' | 'lastConsultant'
>;

type KnownCallerRow = {
  e164: string;
  pop:
    | string
    | (Omit<KnownCallerPop, 'lastInteractions'> & {
        lastInteractions: { kind: string; at: string; summary: Record<string, unknown> }[];
      });
};

/**
 * The screen-pops of several numbers in ONE query (a read model over contacts, companies, consultation cards,
 * timeline and calls): per number that belongs to a contact, a JSON object with the contact (primary phone first),
 * the company name, the open cards (cards_contact_idx, newest activity first, 10 at most), the last five timeline
 * entries (timeline_contact_idx) and who last answered one of their calls (calls_contact_started_idx). Numbers nobody
 * owns are absent from the answer. Concurrent rings are resolved together so a burst costs one round trip.
 */
@Injectable()
export class ScreenPopLookup {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async knownCallers(e164s: string[]): Promise<Map<string, KnownCallerPop>> {
    const found = new Map<string, KnownCallerPop>();
    if (!e164s.length) return found;
    const result = (await this.db.execute(sql`
      select n.e164, json_build_object(
        'contact', json_build_object(
          'id', c.id,
          'displayName', c.display_name,
          'locality', c.locality,
          'activityType', c.activity_type,
          'companyName', (select co.name from companies co where co.id = c.company_id),
          'phones', (select json_agg(p.e164 order by p.is_primary desc, p.created_at) from contact_phones p
                     where p.contact_id = c.id)),
        'openCards', coalesce((select json_agg(json_build_object(
              'id', k.id, 'title', k.title, 'stageName', k.stage_name, 'pipelineName', k.pipeline_name,
              'responsibleUserId', k.responsible_user_id) order by k.updated_at desc)
            from (select cc.id, cc.title, s.name as stage_name, pl.name as pipeline_name, cc.responsible_user_id,
                         cc.updated_at
                  from consultation_cards cc
                  left join pipeline_stages s on s.id = cc.stage_id
                  left join pipelines pl on pl.id = cc.pipeline_id
                  where cc.contact_id = c.id and cc.status = 'active'
                  order by cc.updated_at desc limit 10) k), '[]'::json),
        'lastInteractions', coalesce((select json_agg(json_build_object(
              'kind', e.kind, 'at', e.occurred_at, 'summary', e.summary) order by e.occurred_at desc, e.id desc)
            from (select te.id, te.kind, te.occurred_at, te.summary from timeline_entries te
                  where te.contact_id = c.id order by te.occurred_at desc, te.id desc limit 5) e), '[]'::json),
        'lastConsultant', (select json_build_object('id', u.id, 'fullName', u.full_name)
                           from calls k join users u on u.id = k.answered_by_user_id
                           where k.contact_id = c.id order by k.started_at desc limit 1)
      ) as pop
      from (select distinct jsonb_array_elements_text(${JSON.stringify(e164s)}::jsonb) as e164) n
      join contact_phones cp on cp.e164 = n.e164
      join contacts c on c.id = cp.contact_id`)) as { rows: KnownCallerRow[] };
    for (const row of result.rows) {
      const pop =
        typeof row.pop === 'string' ? (JSON.parse(row.pop) as Exclude<KnownCallerRow['pop'], string>) : row.pop;
      found.set(row.e164, {
        ...pop,
        lastInteractions: pop.lastInteractions.map((i) => ({ ...i, at: new Date(i.at) })),
      });
    }
    return found;
  }
}
