import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailchimpApiError, MailchimpAudienceClient, subscriberHash } from '../src/mailchimp/index.js';
import {
  basicAuth,
  jsonOf,
  startRecordingHttpServer,
  type RecordedRequest,
  type RecordingHttpServer,
} from './support/recording-http-server.js';

const API_KEY = '0123456789abcdef0123456789abcdef-us21';
const LIST_ID = '57afe96172';

function report(n: number) {
  return {
    id: `c${n}`,
    campaign_title: `Campaign ${n}`,
    subject_line: `Subject ${n}`,
    list_id: LIST_ID,
    send_time: '2026-03-10T08:00:00+00:00',
    emails_sent: 100 + n,
    unsubscribed: 1,
    bounces: { hard_bounces: 2, soft_bounces: 3 },
    opens: { opens_total: 60, unique_opens: 40, open_rate: 0.4 },
    clicks: { clicks_total: 12, unique_subscriber_clicks: 9, click_rate: 0.09 },
  };
}

function fakeMailchimp(req: RecordedRequest) {
  if (req.method === 'DELETE' && req.pathname === `/3.0/lists/${LIST_ID}/members/${subscriberHash('gone@b.md')}`)
    return { status: 204 };
  if (req.method === 'GET' && req.pathname === '/3.0/ping') return { body: { health_status: "Everything's Chimpy!" } };
  if (req.method === 'GET' && req.pathname === `/3.0/lists/${LIST_ID}`)
    return { body: { id: LIST_ID, name: 'Clienți', stats: { member_count: 3 } } };
  if (req.method === 'GET' && req.pathname === `/3.0/lists/${LIST_ID}/segments`)
    return { body: { segments: [{ id: 11, name: 'Webinar PARE', member_count: 5, type: 'static' }], total_items: 1 } };
  if (req.method === 'POST' && req.pathname === `/3.0/lists/${LIST_ID}/segments/11/members`)
    return { body: { id: 'x', email_address: 'a@b.md', status: 'subscribed' } };
  if (req.method === 'GET' && req.pathname === '/3.0/campaigns')
    return {
      body: {
        campaigns: [
          {
            id: 'c1',
            status: 'save',
            settings: { title: 'Webinar', subject_line: 'Invitație' },
            recipients: { list_id: LIST_ID, segment_text: 'Tag Webinar PARE', segment_opts: { saved_segment_id: 11 } },
          },
        ],
        total_items: 1,
      },
    };
  if (req.method === 'GET' && req.pathname === '/3.0/reports') {
    const offset = Number(req.query.get('offset'));
    const all = [1, 2, 3].map(report);
    return { body: { reports: all.slice(offset, offset + Number(req.query.get('count'))), total_items: all.length } };
  }
  if (req.pathname.endsWith('/members/' + subscriberHash('busy@b.md')))
    return {
      status: 429,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        title: 'Too Many Requests',
        status: 429,
        detail: 'You have more than 10 simultaneous connections.',
      }),
    };
  return {
    status: 404,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      title: 'Resource Not Found',
      status: 404,
      detail: 'The requested resource could not be found.',
    }),
  };
}

describe('MailchimpAudienceClient: audiences, segments, campaigns and reports', () => {
  let api: RecordingHttpServer;
  let client: MailchimpAudienceClient;
  beforeEach(async () => {
    api = await startRecordingHttpServer(fakeMailchimp);
    client = new MailchimpAudienceClient({ apiKey: API_KEY, apiBaseUrl: `${api.baseUrl}/3.0` });
  });
  afterEach(() => api.close());

  it('pings and reads one audience', async () => {
    expect(await client.ping()).toBe("Everything's Chimpy!");
    expect(await client.getAudience(LIST_ID)).toEqual({ id: LIST_ID, name: 'Clienți', memberCount: 3 });
    expect(api.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      'GET /3.0/ping',
      `GET /3.0/lists/${LIST_ID}`,
    ]);
    expect(api.requests[0].headers.authorization).toBe(basicAuth('user', API_KEY));
  });

  it('lists static segments and campaigns with their segment, and adds a member to a segment', async () => {
    expect(await client.listSegments(LIST_ID, { type: 'static' })).toEqual([
      { id: 11, name: 'Webinar PARE', memberCount: 5, type: 'static' },
    ]);
    expect(Object.fromEntries(api.requests[0].query)).toEqual({ count: '100', offset: '0', type: 'static' });
    expect(await client.listCampaigns(LIST_ID)).toEqual([
      {
        id: 'c1',
        title: 'Webinar',
        subject: 'Invitație',
        status: 'save',
        sendTime: null,
        segmentId: 11,
        segmentText: 'Tag Webinar PARE',
      },
    ]);
    expect(Object.fromEntries(api.requests[1].query)).toEqual({
      list_id: LIST_ID,
      count: '100',
      offset: '0',
      sort_field: 'create_time',
      sort_dir: 'DESC',
    });
    await client.addSegmentMember(LIST_ID, 11, 'a@b.md');
    expect(api.requests[2].method).toBe('POST');
    expect(api.requests[2].pathname).toBe(`/3.0/lists/${LIST_ID}/segments/11/members`);
    expect(jsonOf(api.requests[2])).toEqual({ email_address: 'a@b.md' });
  });

  it('pages through campaign reports', async () => {
    const reports = await client.listCampaignReports({ pageSize: 2, sinceSendTime: '2026-03-01T00:00:00+00:00' });
    expect(reports.map((r) => r.campaignId)).toEqual(['c1', 'c2', 'c3']);
    expect(reports[0]).toEqual({
      campaignId: 'c1',
      title: 'Campaign 1',
      subject: 'Subject 1',
      listId: LIST_ID,
      sendTime: '2026-03-10T08:00:00+00:00',
      emailsSent: 101,
      opensTotal: 60,
      uniqueOpens: 40,
      openRate: 0.4,
      clicksTotal: 12,
      uniqueClicks: 9,
      clickRate: 0.09,
      unsubscribed: 1,
      hardBounces: 2,
      softBounces: 3,
    });
    expect(api.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { count: '2', offset: '0', since_send_time: '2026-03-01T00:00:00+00:00' },
      { count: '2', offset: '2', since_send_time: '2026-03-01T00:00:00+00:00' },
    ]);
  });

  it('archives a member with DELETE /lists/{list_id}/members/{hash}', async () => {
    await client.archiveMember(LIST_ID, subscriberHash('gone@b.md'));
    expect(api.requests.map((r) => `${r.method} ${r.pathname}`)).toEqual([
      `DELETE /3.0/lists/${LIST_ID}/members/${subscriberHash('gone@b.md')}`,
    ]);
    expect(api.requests[0].headers.authorization).toBe(basicAuth('user', API_KEY));
  });

  it('marks 429 as retryable and 404 as not', async () => {
    const busy = await client
      .upsertMember({ listId: LIST_ID, email: 'busy@b.md', statusIfNew: 'subscribed' })
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(MailchimpApiError);
    expect((busy as MailchimpApiError).status).toBe(429);
    expect((busy as MailchimpApiError).retryable).toBe(true);
    const missing = await client.getAudience('nope').catch((e: unknown) => e);
    expect((missing as MailchimpApiError).retryable).toBe(false);
    expect((missing as Error).message).toBe(
      'Mailchimp get audience failed (404): Resource Not Found The requested resource could not be found.',
    );
  });
});
