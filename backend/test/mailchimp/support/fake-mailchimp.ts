import { createHash } from 'node:crypto';
import {
  startFakeProviderApi,
  type FakeAnswer,
  type FakeProviderApi,
  type RecordedRequest,
} from '../../conversations/support/fake-provider-api.js';

export const API_KEY = '0123456789abcdef0123456789abcdef-us21';
export const LIST_ID = '57afe96172';
export const SEGMENT_ID = 11;

export type FakeMember = {
  email_address: string;
  status: string;
  merge_fields: Record<string, unknown>;
  tags: Set<string>;
};

export type FakeMailchimp = FakeProviderApi & {
  members: Map<string, FakeMember>;
  segmentMembers: Set<string>;
  /** The next N member PUTs answer 429 (too many simultaneous connections). */
  busyPuts: number;
  memberRequests(): RecordedRequest[];
};

export const md5 = (email: string) => createHash('md5').update(email.trim().toLowerCase()).digest('hex');

const problem = (status: number, title: string, detail: string): FakeAnswer => ({
  status,
  headers: { 'content-type': 'application/problem+json' },
  body: JSON.stringify({ type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail }),
});

/** Just enough of the Marketing API v3 (paths and shapes as documented) with state, so syncs can be asserted. */
export async function startFakeMailchimp(): Promise<FakeMailchimp> {
  const members = new Map<string, FakeMember>();
  const segmentMembers = new Set<string>();
  const fake = (await startFakeProviderApi(() => ({}))) as FakeMailchimp;
  fake.members = members;
  fake.segmentMembers = segmentMembers;
  fake.busyPuts = 0;
  fake.memberRequests = () => fake.requests.filter((r) => r.pathname.includes('/members/'));
  const list = `/3.0/lists/${LIST_ID}`;
  fake.respond = (req) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`user:${API_KEY}`).toString('base64')}`)
      return problem(
        401,
        'API Key Invalid',
        'Your API key may be invalid, or you’ve attempted to access the wrong datacenter.',
      );
    const body = req.body.length ? JSON.parse(req.body.toString('utf8')) : {};
    if (req.method === 'GET' && req.pathname === '/3.0/ping')
      return { body: { health_status: "Everything's Chimpy!" } };
    if (req.method === 'GET' && req.pathname === list)
      return { body: { id: LIST_ID, name: 'Beneficiari ODA', stats: { member_count: members.size } } };
    const member = req.pathname.match(new RegExp(`^${list}/members/([0-9a-f]{32})(/tags)?$`));
    if (member && req.method === 'PUT' && !member[2]) {
      if (fake.busyPuts > 0) {
        fake.busyPuts--;
        return problem(429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.');
      }
      if (md5(body.email_address ?? '') !== member[1])
        return problem(400, 'Invalid Resource', 'The subscriber hash does not match the email address.');
      const existing = members.get(member[1]);
      const next: FakeMember = existing ?? {
        email_address: body.email_address,
        status: body.status_if_new,
        merge_fields: {},
        tags: new Set(),
      };
      if (body.status) next.status = body.status;
      next.merge_fields = { ...next.merge_fields, ...body.merge_fields };
      members.set(member[1], next);
      return {
        body: {
          id: member[1],
          email_address: next.email_address,
          status: next.status,
          list_id: LIST_ID,
          merge_fields: next.merge_fields,
        },
      };
    }
    if (member && req.method === 'DELETE' && !member[2]) {
      const m = members.get(member[1]);
      if (!m) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      m.status = 'archived';
      return { status: 204 };
    }
    if (member && req.method === 'POST' && member[2]) {
      const m = members.get(member[1]);
      if (!m) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      for (const t of body.tags as { name: string; status: string }[]) {
        if (t.status === 'active') m.tags.add(t.name);
        else m.tags.delete(t.name);
      }
      return { status: 204 };
    }
    if (req.method === 'GET' && req.pathname === `${list}/segments`)
      return {
        body: {
          segments: [{ id: SEGMENT_ID, name: 'Webinar PARE 1+1', member_count: segmentMembers.size, type: 'static' }],
          total_items: 1,
        },
      };
    if (req.method === 'POST' && req.pathname === `${list}/segments/${SEGMENT_ID}/members`) {
      const m = members.get(md5(body.email_address));
      if (!m) return problem(400, 'Invalid Resource', `${body.email_address} is not a list member.`);
      segmentMembers.add(body.email_address);
      return { body: { id: md5(body.email_address), email_address: m.email_address, status: m.status } };
    }
    if (req.method === 'GET' && req.pathname === '/3.0/campaigns')
      return {
        body: {
          campaigns: [
            {
              id: 'cmp1',
              status: 'sent',
              send_time: '2026-03-10T08:00:00+00:00',
              settings: { title: 'Webinar martie', subject_line: 'Vă invităm' },
              recipients: {
                list_id: LIST_ID,
                segment_text: 'Webinar PARE 1+1',
                segment_opts: { saved_segment_id: SEGMENT_ID },
              },
            },
          ],
          total_items: 1,
        },
      };
    if (req.method === 'GET' && req.pathname === '/3.0/reports')
      return {
        body: {
          reports: [
            {
              id: 'cmp1',
              campaign_title: 'Webinar martie',
              subject_line: 'Vă invităm',
              list_id: LIST_ID,
              send_time: '2026-03-10T08:00:00+00:00',
              emails_sent: 200,
              unsubscribed: 2,
              bounces: { hard_bounces: 3, soft_bounces: 1 },
              opens: { opens_total: 150, unique_opens: 90, open_rate: 0.45 },
              clicks: { clicks_total: 40, unique_subscriber_clicks: 25, click_rate: 0.125 },
            },
            {
              id: 'other',
              campaign_title: 'Other list',
              list_id: 'otherlist',
              send_time: '2026-03-10T09:00:00+00:00',
              emails_sent: 5,
            },
          ],
          total_items: 2,
        },
      };
    return problem(404, 'Resource Not Found', `No route ${req.method} ${req.pathname}`);
  };
  return fake;
}
