import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type DeskBrowser } from './support/chromium';
import { clearWorkBlockers, screenshot, signIn } from './support/desk-page';

const baseUrl = inject('baseUrl');
let browser: DeskBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
});

afterAll(async () => {
  await browser?.close();
});

/** Calls the API as the signed-in consultant, from the page (same origin, bearer token from the desk's storage). */
async function apiCall<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ([m, p, b]) => {
      const token = JSON.parse(localStorage.getItem('crm.session') ?? '{}').token;
      const response = await fetch(`/api${p}`, {
        method: m as string,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    [method, path, body] as const,
  ) as Promise<{ status: number; body: T }>;
}

type Created = {
  id: string;
  displayName: string;
  locality: string | null;
  activityType: string | null;
  phones: Array<{ e164: string }>;
};
let contact: Created;
let stages: Array<{ id: string; name: string; requiredFieldKeys: string[] }> = [];

const navText = () => page.locator('[data-testid="side-nav"] nav').innerText();

async function switchLanguage(code: 'ro' | 'ru' | 'en') {
  await page.click('[data-testid="language-switcher"]');
  await page.click(`.n-dropdown-option:has([data-locale="${code}"]), [data-locale="${code}"]`);
  await page.waitForFunction((c) => document.documentElement.lang === c, code);
}

describe('agent desk in Chromium against the real backend', () => {
  it('serves the built desk and refuses a wrong password with the server message', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL(/\/login/);
    await expect(page.locator('h1').innerText()).resolves.toBe('Autentificare');
    await screenshot(page, 'login');
    await page.fill('#login-email', 'ana.popescu@consult.local');
    await page.fill('#login-password', 'not-the-password');
    await page.click('[data-testid="login-submit"]');
    const alert = page.locator('[data-testid="login-error"]');
    await alert.waitFor();
    expect((await alert.innerText()).length).toBeGreaterThan(5);
  });

  it('signs the demo consultant in and shows the home page', async () => {
    await signIn(page, baseUrl);
    await page.locator('h1', { hasText: 'Bună, Ana!' }).waitFor();
    await page.waitForLoadState('networkidle');
    if (await page.locator('[data-testid="work-blockers"]').isVisible()) await screenshot(page, 'home-work-blockers');
    await clearWorkBlockers(page);
    await expect(page.locator('[data-testid="work-blockers"]').isVisible()).resolves.toBe(false);
    for (const title of ['Sarcinile de azi', 'Restante', 'Consultații fără sarcină', 'Apeluri pierdute de returnat']) {
      await page.locator('.panel-header h2', { hasText: title }).waitFor();
    }
    await screenshot(page, 'home');
  });

  it('switches the language to ru and en and back, remembering the choice across reloads', async () => {
    await switchLanguage('ru');
    expect(await navText()).toContain('Главная');
    await switchLanguage('en');
    expect(await navText()).toContain('Home');
    // Saved in the profile too (PATCH /api/auth/me), so other devices open in English.
    await expect.poll(async () => (await apiCall<{ locale: string }>('GET', '/auth/me')).body.locale).toBe('en');
    await page.reload();
    await page.locator('[data-testid="side-nav"]').waitFor();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await navText()).toContain('Beneficiaries');
    await switchLanguage('ro');
    expect(await navText()).toContain('Acasă');
    await expect.poll(async () => (await apiCall<{ locale: string }>('GET', '/auth/me')).body.locale).toBe('ro');
  });

  it('searches contacts (debounced) and opens a contact page with its timeline', async () => {
    // Our own data, independent of the demo seed: a beneficiary with a note and a consultation card.
    const created = await apiCall<Created>('POST', '/contacts', {
      firstName: 'Andrei',
      lastName: 'Cebotari',
      phones: ['+37369100777'],
      locality: 'Orhei',
      activityType: 'Apicultură',
      tags: ['grant', 'PARE 1+1'],
    });
    expect([200, 201]).toContain(created.status);
    contact = created.body;
    await apiCall('POST', `/contacts/${contact.id}/notes`, { body: 'A întrebat despre programul PARE 1+1.' });
    await page.click('[data-testid="side-nav"] a[href="/contacts"]');
    await page.waitForURL(/\/contacts/);
    await page.locator('text=Scrieți cel puțin 2 caractere').waitFor();
    await page.fill('#contact-search', 'Cebotari');
    const first = page.locator('[data-testid="contact-results"] a', { hasText: 'Andrei Cebotari' }).first();
    await first.waitFor({ timeout: 15_000 });
    expect(page.url()).toContain('q=Cebotari');
    await screenshot(page, 'contacts');
    await first.click();
    await page.waitForURL(`**/contacts/${contact.id}`);
    await page.locator('.panel-header h2', { hasText: 'Istoric' }).waitFor();
    await page.locator('.timeline', { hasText: 'PARE 1+1' }).waitFor();
    await page.locator('.n-collapse-item__header', { hasText: 'Date personale' }).waitFor();
    await screenshot(page, 'contact');
  });

  it('pops the caller on a simulated ringing call and closes on call:ended', async () => {
    await page.goto(`${baseUrl}/?e2e=1`);
    await page.locator('h1', { hasText: 'Bună' }).waitFor();
    await page.evaluate((c) => {
      window.__crmTest!.simulateRinging({
        callId: 'e2e-call-1',
        from: c.phones?.[0]?.e164 ?? '+37369100201',
        did: '+37322000111',
        contact: {
          id: c.id,
          displayName: c.displayName,
          locality: c.locality,
          activityType: c.activityType,
          companyName: null,
          phones: (c.phones ?? []).map((p: { e164: string }) => p.e164),
        },
        openCards: [
          {
            id: '00000000-0000-4000-8000-000000000001',
            title: 'Finanțare pentru o seră de legume',
            stageName: 'Consultat',
            pipelineName: 'Reclame și landing',
          },
        ],
        lastInteractions: [
          {
            kind: 'call',
            at: new Date(Date.now() - 86_400_000).toISOString(),
            summary: { direction: 'inbound', status: 'answered' },
          },
        ],
        lastConsultant: { id: 'x', fullName: 'Ana Popescu' },
      });
    }, contact);
    const known = page.locator('[data-testid="known-caller"]');
    await known.waitFor();
    expect(await known.innerText()).toContain(contact.displayName);
    await page.locator('[data-testid="in-call-actions"]').waitFor();
    await screenshot(page, 'screen-pop');
    await page.evaluate(() => window.__crmTest!.simulateEnded('e2e-call-1'));
    await known.waitFor({ state: 'detached' });
  });

  it('offers "Beneficiar nou" for an unknown number and creates the contact on the server', async () => {
    const number = `+3736${String(Date.now()).slice(-7)}`;
    await page.evaluate((from) => window.__crmTest!.simulateRinging({ callId: 'e2e-call-2', from }), number);
    const unknown = page.locator('[data-testid="unknown-caller"]');
    await unknown.waitFor();
    expect(await unknown.innerText()).toContain('Număr necunoscut');
    await page.click('[data-testid="new-beneficiary"]');
    await expect(page.inputValue('#nb-phone')).resolves.toBe(number);
    await page.fill('#nb-first', 'Veronica');
    await page.fill('#nb-last', 'Test');
    await page.fill('#nb-locality', 'Cahul');
    await screenshot(page, 'screen-pop-new-beneficiary');
    await page.click('[data-testid="new-beneficiary-submit"]');
    await page.locator('[data-testid="known-caller"]', { hasText: 'Veronica Test' }).waitFor();
    const found = await page.evaluate(async (phone) => {
      const token = JSON.parse(localStorage.getItem('crm.session') ?? '{}').token;
      return (
        await fetch(`/api/contacts/lookup?phone=${encodeURIComponent(phone)}`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json();
    }, number);
    expect(JSON.stringify(found)).toContain('Veronica');
    await page.evaluate(() => window.__crmTest!.simulateEnded('e2e-call-2'));
  });

  it('shows the pipelines kanban and the server’s 422 required fields inline on a refused move', async () => {
    const pipelines = await apiCall<Array<{ id: string; code: string; stages: typeof stages }>>('GET', '/pipelines');
    const pipeline = pipelines.body[0];
    stages = pipeline.stages;
    const ids: string[] = [];
    for (const title of ['Finanțare pentru o seră de legume', 'Deschiderea unei cafenele în Orhei']) {
      const created = await apiCall<{ id: string }>('POST', '/cards', {
        contactId: contact.id,
        pipelineId: pipeline.id,
        title,
      });
      expect([200, 201]).toContain(created.status);
      ids.push(created.body.id);
    }
    await page.click('[data-testid="side-nav"] a[href="/pipelines"]');
    await page.locator('[data-testid="kanban-column"]').first().waitFor();
    expect(await page.locator('[data-testid="kanban-column"]').count()).toBe(stages.length);
    const card = page.locator(`[data-testid="kanban-card"][data-card-id="${ids[0]}"]`);
    await card.waitFor({ timeout: 15_000 });
    await screenshot(page, 'kanban');

    const guarded = stages.find((s) => s.requiredFieldKeys.length);
    if (!guarded) return; // no stage requires anything in this configuration
    await card.getByRole('button').first().click();
    await page.locator('.n-dropdown-option', { hasText: guarded.name }).first().click();
    const refusal = card.locator('[data-testid="move-refusal"]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(guarded.name);
    await screenshot(page, 'kanban-required-fields');
    await refusal.getByRole('button', { name: 'Salvează și mută' }).click();
    await page.locator('[data-testid="required-fields-modal"]').waitFor();
    await screenshot(page, 'kanban-required-fields-modal');
    await page.keyboard.press('Escape');
  });

  it('keeps the test hook closed in a tab opened without ?e2e=1', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${baseUrl}/`);
    await other.locator('[data-testid="side-nav"]').waitFor();
    const error = await other.evaluate(() => {
      try {
        window.__crmTest!.simulateRinging({ callId: 'x', from: '+37360000000' });
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(error).toContain('?e2e=1');
    await other.close();
  });

  it('renders the bottom navigation on a phone-size screen (390×844)', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/?e2e=1`);
    await phone.locator('[data-testid="bottom-nav"]').waitFor();
    await expect(phone.locator('[data-testid="side-nav"]').isVisible()).resolves.toBe(false);
    const tabs = await phone.locator('[data-testid="bottom-nav"] a').allInnerTexts();
    expect(tabs.map((t) => t.trim())).toEqual(['Acasă', 'Mesaje', 'Beneficiari', 'Consultații', 'Sarcini']);
    await phone.locator('h1', { hasText: 'Bună' }).waitFor();
    await phone.waitForLoadState('networkidle');
    // The cards created above have no next task yet: the desk blocks until each gets one.
    await phone.locator('[data-testid="work-blockers"]').waitFor();
    await screenshot(phone, 'phone-work-blockers');
    expect(await clearWorkBlockers(phone)).toBeGreaterThanOrEqual(2);
    await phone.locator('.panel-header h2', { hasText: 'Sarcinile de azi' }).waitFor();
    await screenshot(phone, 'phone-home');
    await phone.evaluate(() => window.__crmTest!.simulateRinging({ callId: 'e2e-call-3', from: '+37368000111' }));
    await phone.locator('[data-testid="unknown-caller"]').waitFor();
    await screenshot(phone, 'phone-screen-pop');
    await phone.evaluate(() => window.__crmTest!.simulateEnded('e2e-call-3'));
    await phone.locator('[data-testid="bottom-nav"] a[href="/pipelines"]').click();
    await phone.locator('[data-testid="kanban-column"]').first().waitFor();
    await screenshot(phone, 'phone-kanban');
    await phone.close();
  });
});
