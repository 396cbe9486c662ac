import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type DeskBrowser } from './support/chromium';
import { CONSULTANT, clearWorkBlockers, screenshot, signIn } from './support/desk-page';
import { serverApiAs } from './support/server-api';
import { connectWebchatVisitor, type WebchatVisitor } from './support/webchat-visitor';

const baseUrl = inject('baseUrl');
let browser: DeskBrowser;
let page: Page;
let visitor: WebchatVisitor;

beforeAll(async () => {
  // A web-chat account whose conversations go to the demo consultant, and a visitor writing in through the widget protocol.
  const admin = await serverApiAs(baseUrl);
  const users = await admin<Array<{ id: string; email: string }>>('GET', '/users');
  const ana = users.body.find((u) => u.email === CONSULTANT.email)!;
  const account = await admin<{ webhookToken: string }>('POST', '/channel-accounts', {
    provider: 'webchat',
    name: 'Chat pe consult.md',
    defaultResponsibleUserId: ana.id,
  });
  expect([200, 201]).toContain(account.status);
  visitor = await connectWebchatVisitor(baseUrl, account.body.webhookToken);
  const sent = await visitor.send('Bună ziua! Ce acte trebuie pentru grantul PARE 1+1?', {
    name: 'Tudor Vieru',
    phone: '+37369555111',
  });
  expect(sent.ok).toBe(true);
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await signIn(page, baseUrl);
  await clearWorkBlockers(page); // this file may run first: the demo cards without a next task block the desk
});

afterAll(async () => {
  visitor?.close();
  await browser?.close();
});

describe('unified inbox in Chromium against the real backend', () => {
  it('lists the web-chat conversation, shows live typing and a new message, and replies with delivery ticks', async () => {
    await page.click('[data-testid="side-nav"] a[href="/inbox"]');
    await page.waitForURL(/\/inbox/);
    const item = page.locator('[data-testid="conversation-item"]', { hasText: 'Tudor Vieru' });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.innerText()).toContain('Chat pe site');
    await screenshot(page, 'inbox');

    await item.click();
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="message"][data-direction="in"]', { hasText: 'PARE 1+1' }).waitFor();
    await expect(page.locator('[data-testid="conversation-header"] h2').innerText()).resolves.toContain('Tudor Vieru');

    // Live over Socket.IO: the visitor types, then writes again.
    visitor.typing(true);
    await page.locator('[data-testid="conversation-header"] .typing').waitFor();
    await visitor.send('Și pot aplica dacă am deja o întreprindere?');
    await page
      .locator('[data-testid="message"][data-direction="in"]', { hasText: 'deja o întreprindere' })
      .waitFor({ timeout: 10_000 });

    await page.fill('#reply-text', 'Da, puteți aplica. Vă trimit lista de acte.');
    await page.keyboard.press('Enter');
    const reply = page.locator('[data-testid="message"][data-direction="out"]', { hasText: 'lista de acte' });
    await reply.waitFor();
    await reply
      .locator('.ticks[data-status="sent"], .ticks[data-status="delivered"], .ticks[data-status="read"]')
      .waitFor({ timeout: 15_000 });
    await expect(page.inputValue('#reply-text')).resolves.toBe('');
    const received = await visitor.nextReply((text) => text.includes('lista de acte'));
    expect(received.direction).toBe('out');
    await screenshot(page, 'inbox-thread');
  });

  it('filters to unread and to my conversations, and closes and reopens a conversation', async () => {
    await page.click('[data-testid="filter-mine"]');
    await page.locator('[data-testid="conversation-item"]', { hasText: 'Tudor Vieru' }).waitFor();
    await page.click('[data-testid="conversation-close"]');
    await page.locator('[data-testid="conversation-reopen"]').waitFor();
    await expect(page.locator('#reply-text').isDisabled()).resolves.toBe(true);
    await page.click('[data-testid="conversation-reopen"]');
    await page.locator('[data-testid="conversation-close"]').waitFor();
    await page.click('[data-testid="filter-unread"]');
    await page.locator('[data-testid="conversation-item"]', { hasText: 'Tudor Vieru' }).waitFor({ state: 'detached' });
    await page.click('[data-testid="filter-unread"]');
  });

  it('shows the list, then the thread full-screen on a phone (390×844)', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/inbox`);
    const item = phone.locator('[data-testid="conversation-item"]', { hasText: 'Tudor Vieru' });
    await item.waitFor({ timeout: 15_000 });
    await screenshot(phone, 'phone-inbox');
    await item.click();
    await phone.locator('[data-testid="message"]', { hasText: 'lista de acte' }).waitFor();
    await expect(phone.locator('[data-testid="conversation-list"]').isVisible()).resolves.toBe(false);
    await phone.locator('#reply-text').waitFor();
    await screenshot(phone, 'phone-inbox-thread');
    await phone.close();
  });
});
