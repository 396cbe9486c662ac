import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailchimpAudienceClient, serverPrefixOf, subscriberHash } from '../src/mailchimp/index.js';
import {
  basicAuth,
  jsonOf,
  startRecordingHttpServer,
  type RecordedRequest,
  type RecordingHttpServer,
} from './support/recording-http-server.js';

const API_KEY = '0123456789abcdef0123456789abcdef-us21';
const LIST_ID = '57afe96172';
const EMAIL = 'Olena.Kovalenko@Example.com';
const HASH = createHash('md5').update('olena.kovalenko@example.com').digest('hex');

function fakeMailchimp(req: RecordedRequest) {
  if (req.method === 'PUT' && req.pathname === `/3.0/lists/${LIST_ID}/members/${HASH}`) {
    return { body: { id: HASH, email_address: 'Olena.Kovalenko@Example.com', status: 'subscribed', list_id: LIST_ID } };
  }
  if (req.method === 'POST' && req.pathname === `/3.0/lists/${LIST_ID}/members/${HASH}/tags`) return { status: 204 };
  if (req.method === 'GET' && req.pathname === '/3.0/lists') {
    return {
      body: { lists: [{ id: LIST_ID, name: 'Consult clients', stats: { member_count: 1280 } }], total_items: 1 },
    };
  }
  return {
    status: 400,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'https://mailchimp.com/developer/marketing/docs/errors/',
      title: 'Invalid Resource',
      status: 400,
      detail: 'Please provide a valid email address.',
    }),
  };
}

describe('MailchimpAudienceClient', () => {
  let api: RecordingHttpServer;
  let client: MailchimpAudienceClient;

  beforeEach(async () => {
    api = await startRecordingHttpServer(fakeMailchimp);
    client = new MailchimpAudienceClient({ apiKey: API_KEY, apiBaseUrl: `${api.baseUrl}/3.0` });
  });
  afterEach(() => api.close());

  it('hashes the lower-cased e-mail and reads the server prefix from the key', () => {
    expect(subscriberHash(EMAIL)).toBe(HASH);
    expect(subscriberHash(' olena.kovalenko@example.com ')).toBe(HASH);
    expect(serverPrefixOf({ apiKey: API_KEY })).toBe('us21');
    expect(serverPrefixOf({ apiKey: 'abc', serverPrefix: 'us6' })).toBe('us6');
    expect(() => serverPrefixOf({ apiKey: 'no-prefix-key'.replace(/-/g, '') })).toThrow(/serverPrefix/);
  });

  it('upserts a member with PUT /3.0/lists/{list_id}/members/{hash}, merge fields and status_if_new', async () => {
    const member = await client.upsertMember({
      listId: LIST_ID,
      email: EMAIL,
      statusIfNew: 'subscribed',
      mergeFields: { FNAME: 'Olena', LNAME: 'Kovalenko', PHONE: '+380671234567' },
      language: 'uk',
    });
    expect(member).toEqual({ subscriberHash: HASH, email: 'Olena.Kovalenko@Example.com', status: 'subscribed' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request.method).toBe('PUT');
    expect(request.url).toBe(`/3.0/lists/${LIST_ID}/members/${HASH}`);
    expect(request.headers.authorization).toBe(basicAuth('user', API_KEY));
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonOf(request)).toEqual({
      email_address: EMAIL,
      status_if_new: 'subscribed',
      merge_fields: { FNAME: 'Olena', LNAME: 'Kovalenko', PHONE: '+380671234567' },
      language: 'uk',
    });
  });

  it('updates tags with POST .../tags using active/inactive', async () => {
    await client.updateMemberTags(LIST_ID, EMAIL, [
      { name: 'tax-consultation', active: true },
      { name: 'newsletter-2025', active: false },
    ]);
    const [request] = api.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/3.0/lists/${LIST_ID}/members/${HASH}/tags`);
    expect(request.headers.authorization).toBe(basicAuth('user', API_KEY));
    expect(jsonOf(request)).toEqual({
      tags: [
        { name: 'tax-consultation', status: 'active' },
        { name: 'newsletter-2025', status: 'inactive' },
      ],
    });
  });

  it('lists audiences', async () => {
    expect(await client.listAudiences()).toEqual([{ id: LIST_ID, name: 'Consult clients', memberCount: 1280 }]);
    const [request] = api.requests;
    expect(request.method).toBe('GET');
    expect(request.pathname).toBe('/3.0/lists');
    expect(Object.fromEntries(request.query)).toEqual({ count: '100', offset: '0' });
    expect(request.headers.authorization).toBe(basicAuth('user', API_KEY));
  });

  it("surfaces Mailchimp's problem detail", async () => {
    await expect(
      client.upsertMember({ listId: 'unknown-list', email: 'bad', statusIfNew: 'subscribed' }),
    ).rejects.toThrow('Mailchimp upsert member failed (400): Invalid Resource Please provide a valid email address.');
  });
});
