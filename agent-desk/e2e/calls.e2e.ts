import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type DeskBrowser } from './support/chromium';
import { sendPbxEvent, serveRecordings, toneWav } from './support/cloud-pbx';
import { CONSULTANT, screenshot, signIn } from './support/desk-page';
import { serverApiAs, type ServerApi } from './support/server-api';

const baseUrl = inject('baseUrl');
const pbxSecret = inject('pbxSecret');
const SUPERVISOR = { email: 'supervisor@consult.local', password: CONSULTANT.password };
let browser: DeskBrowser;
let page: Page;
let admin: ServerApi;
let recordings: Awaited<ReturnType<typeof serveRecordings>>;
let contact: { id: string; displayName: string };
const answeredCall = `e2e-${randomUUID()}`;
const missedCall = `e2e-${randomUUID()}`;
const callerNumber = `+3736${String(Date.now()).slice(-7)}`;
const pbx = (event: Parameters<typeof sendPbxEvent>[2]) => sendPbxEvent(baseUrl, pbxSecret, event);

beforeAll(async () => {
  admin = await serverApiAs(baseUrl);
  const created = await admin<{ id: string; displayName: string }>('POST', '/contacts', {
    firstName: 'Grigore',
    lastName: 'Botnaru',
    phones: [callerNumber],
    locality: 'Soroca',
  });
  expect([200, 201]).toContain(created.status);
  contact = created.body;
  recordings = await serveRecordings(toneWav(6));
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
  await recordings?.close();
});

async function waitForRecording(callId: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const answer = await admin<{ recording: { status: string } | null }>('GET', `/calls/${callId}`);
    if (answer.body?.recording?.status === 'available') return;
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error('The recording was never fetched from the PBX.');
}

describe('calls and recordings in Chromium against the real backend (generic cloud PBX webhooks)', () => {
  it('pops the caller on a real ringing call to the consultant’s extension, then closes when it ends', async () => {
    await signIn(page, baseUrl);
    await page.locator('[data-testid="side-nav"]').waitFor();
    await page.waitForFunction(() => document.body.innerText.includes('Conectat în timp real'));
    await pbx({
      event: 'ringing',
      call_id: answeredCall,
      caller: callerNumber,
      called: '+37322000111',
      direction: 'inbound',
      extensions: ['101'],
    });
    const known = page.locator('[data-testid="known-caller"]');
    await known.waitFor({ timeout: 15_000 });
    expect(await known.innerText()).toContain('Grigore Botnaru');
    await pbx({ event: 'answered', call_id: answeredCall, extension: '101', wait_seconds: 4 });
    await pbx({ event: 'ended', call_id: answeredCall, outcome: 'answered', talk_seconds: 42 });
    await known.waitFor({ state: 'detached', timeout: 15_000 });
    await pbx({
      event: 'recording-ready',
      call_id: answeredCall,
      recording_url: recordings.url(answeredCall),
      recording_duration: 6,
    });
    await pbx({
      event: 'ringing',
      call_id: missedCall,
      caller: '+37378000222',
      called: '+37322000111',
      direction: 'inbound',
      queue: 'support',
    });
    await pbx({ event: 'missed', call_id: missedCall, outcome: 'missed', wait_seconds: 30 });
    await waitForRecording(
      (await admin<{ items: Array<{ id: string; fromNumber: string }> }>('GET', '/calls?limit=200')).body.items.find(
        (c) => c.fromNumber === callerNumber,
      )!.id,
    );
  });

  it('lets the supervisor filter calls, listen with seek over byte ranges and download the period as ZIP', async () => {
    await page.evaluate(() => localStorage.clear());
    await signIn(page, baseUrl, SUPERVISOR);
    await page.click('[data-testid="side-nav"] a[href="/calls"]');
    await page.waitForURL(/\/calls/);
    const answered = page.locator('[data-testid="call-row"]', { hasText: 'Grigore Botnaru' });
    await answered.waitFor({ timeout: 15_000 });
    expect(await answered.innerText()).toContain('Ana Popescu');
    expect(await answered.innerText()).toContain('0:42');
    const missed = page.locator('[data-testid="call-row"]', { hasText: '+373 78 000 222' });
    expect(await missed.innerText()).toContain('nereturnat');

    await page.click('[data-testid="calls-view-not_called_back"]');
    await answered.waitFor({ state: 'detached' });
    await missed.waitFor();
    await page.click('[data-testid="calls-view-all"]');
    await answered.waitFor();

    await answered.locator('[data-testid="call-listen"]').click();
    const audio = answered.locator('audio');
    await audio.waitFor();
    await page.waitForFunction(
      () =>
        ((document.querySelector('[data-testid="recording-player"] audio') as HTMLAudioElement | null)?.readyState ??
          0) >= 1,
      null,
      { timeout: 15_000 },
    );
    const seeked = await audio.evaluate(async (el: HTMLAudioElement) => {
      el.currentTime = 4;
      await new Promise((done) => el.addEventListener('seeked', done, { once: true }));
      return { duration: el.duration, at: el.currentTime };
    });
    expect(Math.round(seeked.duration)).toBe(6);
    expect(seeked.at).toBeCloseTo(4, 0);
    await answered.locator('[data-testid="recording-back"]').click();
    expect(await audio.evaluate((el: HTMLAudioElement) => Math.round(el.currentTime))).toBe(0);
    const ranged = await page.evaluate(
      async (src) => {
        const r = await fetch(src!, { headers: { Range: 'bytes=44-1043' } });
        return { status: r.status, length: (await r.arrayBuffer()).byteLength, range: r.headers.get('content-range') };
      },
      await audio.getAttribute('src'),
    );
    expect(ranged).toMatchObject({ status: 206, length: 1000 });
    await screenshot(page, 'calls');

    const zipHref = await page.locator('[data-testid="recordings-zip"]').getAttribute('href');
    const zip = await page.evaluate(async (href) => {
      const r = await fetch(href!);
      const bytes = new Uint8Array(await r.arrayBuffer());
      return {
        status: r.status,
        type: r.headers.get('content-type'),
        magic: String.fromCharCode(bytes[0], bytes[1]),
        size: bytes.length,
      };
    }, zipHref);
    expect(zip).toMatchObject({ status: 200, type: 'application/zip', magic: 'PK' });
    expect(zip.size).toBeGreaterThan(toneWav(6).length / 2);
  });

  it('plays the recording from the call entry on the contact’s timeline', async () => {
    await page.goto(`${baseUrl}/contacts/${contact.id}`);
    const entry = page.locator('.timeline .entry.call').first();
    await entry.waitFor({ timeout: 15_000 });
    await entry.locator('[data-testid="timeline-listen"]').click();
    await entry.locator('[data-testid="recording-player"] audio').waitFor();
    await page.waitForFunction(
      () =>
        ((document.querySelector('.timeline [data-testid="recording-player"] audio') as HTMLAudioElement | null)
          ?.readyState ?? 0) >= 1,
      null,
      { timeout: 15_000 },
    );
    await screenshot(page, 'contact-call-recording');
  });

  it('shows the calls list on a phone (390×844)', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/calls`);
    await phone.locator('[data-testid="call-row"]', { hasText: 'Grigore Botnaru' }).waitFor({ timeout: 15_000 });
    await screenshot(phone, 'phone-calls');
    await phone.close();
  });
});
