import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type DeskBrowser } from './support/chromium';
import { clearWorkBlockers, DEMO_ADMIN, screenshot, signIn } from './support/desk-page';
import { serverApiAs, type ServerApi } from './support/server-api';

const baseUrl = inject('baseUrl');
let browser: DeskBrowser;
let page: Page;
let admin: ServerApi;
const suffix = Date.now().toString(36);

beforeAll(async () => {
  admin = await serverApiAs(baseUrl);
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

/** Picks an option of a Naive UI select the way a user does: open it, click the option (a multiple select stays open: Escape). */
async function pick(select: string, option: string, { multiple = false } = {}) {
  await page.click(`${select} .n-base-selection`);
  await page.locator('.n-base-select-option', { hasText: option }).first().click();
  if (multiple) await page.keyboard.press('Escape');
}

describe('admin settings in Chromium against the real backend', () => {
  it('opens Settings from the sidebar as the administrator', async () => {
    await signIn(page, baseUrl, DEMO_ADMIN);
    await clearWorkBlockers(page);
    await page.locator('[data-testid="side-nav"] a', { hasText: 'Setări' }).click();
    await page.waitForURL(/\/settings\/users$/);
    await page.locator('[data-testid="user-table"] [data-user="admin@consult.local"]').waitFor();
  });

  it('creates a consultant with a department, extension and language', async () => {
    const email = `elena.${suffix}@consult.local`;
    await page.click('[data-testid="user-new"]');
    await page.fill('#user-fullName', 'Elena Munteanu');
    await page.fill('#user-email', email);
    await page.fill('#user-password', 'parola-elena-2026');
    await page.fill('#user-extension', String(4000 + (Date.now() % 1000)));
    await pick('[data-testid="user-role"]', 'Supervizor');
    await pick('[data-testid="user-locale"]', 'Русский');
    const departments = await admin<Array<{ id: string; name: string }>>('GET', '/departments');
    const department = departments.body[0];
    if (department) await pick('[data-testid="user-department"]', department.name);
    // The server's rule (at least 10 characters) comes back next to the field before the right password is saved.
    await page.fill('#user-password', 'scurta');
    await page.click('[data-testid="user-save"]');
    await page.locator('[data-error="password"]').waitFor();
    expect(await page.locator('[data-error="password"]').innerText()).toContain('10');
    await page.fill('#user-password', 'parola-elena-2026');
    await page.click('[data-testid="user-save"]');
    const row = page.locator(`[data-user="${email}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Supervizor');
    const users = await admin<Array<{ email: string; role: string; locale: string; departmentId: string | null }>>(
      'GET',
      '/users',
    );
    expect(users.body.find((u) => u.email === email)).toMatchObject({
      role: 'supervisor',
      locale: 'ru',
      departmentId: department?.id ?? null,
    });
    await screenshot(page, 'settings-users');
  });

  it('adds a stage that requires the budget to the first pipeline', async () => {
    await page.click('[data-section="settings-pipelines"]');
    await page.waitForURL(/\/settings\/pipelines$/);
    await page.locator('[data-testid="stage-list"]').waitFor();
    const name = `Verificare buget ${suffix}`;
    await page.fill('#stage-new-name', name);
    await pick('[data-testid="stage-new-required"]', 'Buget', { multiple: true });
    await page.click('[data-testid="stage-add"]');
    await page.locator(`[data-stage="${name}"]`).waitFor();
    const pipelines = await admin<Array<{ stages: Array<{ name: string; requiredFieldKeys: string[] }> }>>(
      'GET',
      '/pipelines',
    );
    const stage = pipelines.body.flatMap((p) => p.stages).find((s) => s.name === name);
    expect(stage?.requiredFieldKeys).toEqual(['budget']);
    await page.locator(`[data-stage="${name}"]`).scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-pipelines');
  });

  it('shortens Friday and opens on Saturday morning', async () => {
    await page.click('[data-section="settings-hours"]');
    await page.waitForURL(/\/settings\/working-hours$/);
    await page.locator('[data-testid="week-form"]').waitFor();
    await page.fill('[data-closes="5-0"]', '15:00');
    await page.click('[data-add-slot="6"]');
    await page.fill('[data-opens="6-0"]', '09:00');
    await page.fill('[data-closes="6-0"]', '13:00');
    await page.click('[data-testid="week-save"]');
    await page.locator('.n-message', { hasText: 'Programul a fost salvat.' }).waitFor();
    const hours = await admin<{ intervals: Array<{ weekday: number; opensAt: string; closesAt: string }> }>(
      'GET',
      '/working-hours',
    );
    expect(hours.body.intervals).toEqual(
      expect.arrayContaining([
        { weekday: 5, opensAt: '08:00', closesAt: '15:00' },
        { weekday: 6, opensAt: '09:00', closesAt: '13:00' },
      ]),
    );
    await screenshot(page, 'settings-working-hours');
  });

  it('reaches Settings from the phone’s “…” menu', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/`);
    await page.click('[data-testid="phone-more"]');
    await page.locator('.n-dropdown-option', { hasText: 'Setări' }).click();
    await page.waitForURL(/\/settings\/users$/);
    await page.locator('[data-testid="user-table"]').waitFor();
    await screenshot(page, 'settings-users-phone');
    await page.setViewportSize({ width: 1366, height: 860 });
  });
});
