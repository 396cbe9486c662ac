import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type DeskBrowser } from './support/chromium';
import { CONSULTANT, DEMO_ADMIN, screenshot, signIn } from './support/desk-page';
import { serverApiAs, type ServerApi } from './support/server-api';
import { connectWebchatVisitor, type WebchatVisitor } from './support/webchat-visitor';

const baseUrl = inject('baseUrl');
let admin: ServerApi;
let visitor: WebchatVisitor;
const browsers: DeskBrowser[] = [];
/** Many steps through a real browser: more than the default minute on a loaded machine. */
const LONG = { timeout: 180_000 };

async function openAs(user: typeof CONSULTANT): Promise<Page> {
  const browser = await launchChromium();
  browsers.push(browser);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await signIn(page, baseUrl, user);
  return page;
}

/** Opens a Naive UI select, types to filter it (when it filters) and picks the option with this text. */
async function choose(page: Page, select: string, option: string) {
  await page.click(select);
  if (await page.locator(`${select} input`).count()) await page.keyboard.type(option);
  await page.locator('.n-base-select-option', { hasText: option }).first().click();
}

beforeAll(async () => {
  // A reply template for messengers, and a web-chat visitor whose conversation goes to the demo consultant.
  admin = await serverApiAs(baseUrl);
  const template = await admin('POST', '/message-templates', {
    key: 'grant-documents',
    name: 'Acte pentru grant',
    channel: 'messenger',
    format: 'text',
    locale: 'ro',
    body: 'Bună ziua, {{contact.fullName}}! Pentru grant aveți nevoie de buletin și planul de afaceri.',
  });
  expect(template.status).toBe(201);
  const users = await admin<Array<{ id: string; email: string }>>('GET', '/users');
  const ana = users.body.find((u) => u.email === CONSULTANT.email)!;
  const account = await admin<{ webhookToken: string }>('POST', '/channel-accounts', {
    provider: 'webchat',
    name: 'Chat granturi',
    defaultResponsibleUserId: ana.id,
  });
  expect([200, 201]).toContain(account.status);
  visitor = await connectWebchatVisitor(baseUrl, account.body.webhookToken);
  const sent = await visitor.send('Ce acte trebuie pentru grant?', { name: 'Elena Rusu', phone: '+37369555222' });
  expect(sent.ok).toBe(true);
});

afterAll(async () => {
  visitor?.close();
  for (const browser of browsers) await browser.close();
});

describe('rule editor and reply templates in Chromium against the real backend', () => {
  it('creates an automation rule in the editor and sees it in the list', LONG, async () => {
    const page = await openAs(DEMO_ADMIN);
    await page.goto(`${baseUrl}/automation`);
    await page.locator('[data-testid="rule-list"]').waitFor({ timeout: 15_000 });
    await page.click('[data-testid="rule-new"]');
    const editor = page.locator('[data-testid="rule-editor"]');
    await editor.waitFor();

    // Saving an empty rule: the server's 400 fields show inline.
    await page.click('[data-testid="rule-save"]');
    await page.locator('[data-testid="rule-error"]').waitFor();
    await expect(editor.locator('.field-error').count()).resolves.toBeGreaterThan(0);

    await page.fill('#rule-name', 'Dosar blocat 48 h');
    await choose(page, '[data-testid="rule-trigger"]', 'Consultația stă de N ore în etapă');
    await page.fill('#triggerParams-afterHours', '48');
    await page.click('[data-testid="add-condition"]');
    await choose(page, '[data-condition="0"] [data-part="field"]', 'card.budget');
    await choose(page, '[data-condition="0"] [data-part="op"]', '≥');
    await page.fill('[data-condition="0"] [data-part="value"] input', '5000');
    await choose(page, '[data-testid="add-action"]', 'Creează o sarcină');
    await page.fill('#actions-0-params-title', 'Sună: {{card.title}}');
    await choose(page, '[data-testid="add-action"]', 'Trimite un șablon salvat');
    await choose(page, '[data-param="actions.1.params.templateId"]', 'Acte pentru grant');
    await page.click('[data-move-up="1"]');
    await expect(page.locator('[data-action="0"]').getAttribute('data-type')).resolves.toBe('send_stored_template');
    await screenshot(page, 'automation-rule-editor');

    await page.click('[data-testid="rule-save"]');
    const row = page.locator('[data-rule]', { hasText: 'Dosar blocat 48 h' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('Consultația stă de N ore în etapă');
    expect(await row.innerText()).toContain('Acțiuni: 2');

    const rules = await admin<Array<{ name: string; triggerParams: unknown; conditions: unknown; actions: unknown }>>(
      'GET',
      '/automation/rules',
    );
    const saved = rules.body.find((r) => r.name === 'Dosar blocat 48 h')!;
    expect(saved.triggerParams).toMatchObject({ afterHours: 48 });
    expect(saved.conditions).toEqual({ all: [{ field: 'card.budget', op: 'gte', value: 5000 }] });
    expect((saved.actions as Array<{ type: string }>).map((a) => a.type)).toEqual([
      'send_stored_template',
      'create_task',
    ]);
    await screenshot(page, 'automation-rules');
  });

  it('inserts a template filled in for the contact into a reply, edits it and sends it', LONG, async () => {
    const page = await openAs(CONSULTANT);
    await page.goto(`${baseUrl}/inbox`);
    const item = page.locator('[data-testid="conversation-item"]', { hasText: 'Elena Rusu' });
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    await page.locator('[data-testid="message"][data-direction="in"]', { hasText: 'Ce acte' }).waitFor();

    await page.click('[data-testid="reply-templates"]');
    await page.locator('[data-testid="template-picker"] [role="option"]').first().waitFor();
    await page.keyboard.type('grant');
    await page.locator('[role="option"]', { hasText: 'Acte pentru grant' }).waitFor();
    await screenshot(page, 'inbox-reply-templates');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      (document.querySelector('#reply-text') as HTMLTextAreaElement | null)?.value.includes('Elena Rusu'),
    );
    const text = await page.inputValue('#reply-text');
    expect(text).toBe('Bună ziua, Elena Rusu! Pentru grant aveți nevoie de buletin și planul de afaceri.');
    await page.keyboard.type(' Vă aștept.');
    await page.keyboard.press('Enter');
    const reply = page.locator('[data-testid="message"][data-direction="out"]', { hasText: 'Vă aștept.' });
    await reply.waitFor({ timeout: 15_000 });
    const received = await visitor.nextReply((t) => t.includes('planul de afaceri'));
    expect(received.text).toBe(`${text} Vă aștept.`);
  });

  it('reaches the calls from the phone’s … menu and lays them out in 375 px', LONG, async () => {
    const page = await browsers[1].context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`${baseUrl}/inbox`);
    await page.click('[data-testid="phone-more"]');
    await page.locator('.n-dropdown-option', { hasText: 'Apeluri' }).click();
    await page.waitForURL(/\/calls/);
    await page.locator('h1').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-calls-375');
    await page.close();
  });
});
