import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './backend-server';

export const SCREENSHOTS = join(REPO_ROOT, 'docs', 'screenshots');
export const CONSULTANT = { email: 'ana.popescu@consult.local', password: 'demo-password-2026' };
/** The first administrator the demo seed creates (ADMIN_EMAIL default, demo password). */
export const DEMO_ADMIN = { email: 'admin@consult.local', password: 'demo-password-2026' };

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(350); // let transitions settle
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

export async function signIn(page: Page, baseUrl: string, user = CONSULTANT): Promise<void> {
  await page.goto(`${baseUrl}/login?e2e=1`);
  await page.fill('#login-email', user.email);
  await page.fill('#login-password', user.password);
  await page.click('[data-testid="login-submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** The consultant may be blocked by cards without a next task: set one for each, through the real modal. */
export async function clearWorkBlockers(page: Page): Promise<number> {
  // The modal opens once the desk has asked for its blockers: wait for that answer before looking for it.
  await page.waitForLoadState('networkidle');
  let cleared = 0;
  for (let i = 0; i < 30; i++) {
    const modal = page.locator('[data-testid="work-blockers"]');
    if (!(await modal.isVisible().catch(() => false))) break;
    const form = modal.locator('form').first();
    if (!(await form.isVisible().catch(() => false))) await modal.getByRole('button').first().click();
    await modal.locator('form input[id$="-title"]').first().fill('Sună pentru pașii următori');
    await modal.locator('form button[type="submit"]').first().click();
    await page.waitForTimeout(400);
    cleared++;
  }
  return cleared;
}
