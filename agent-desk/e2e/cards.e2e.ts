import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, type DeskBrowser } from './support/chromium';
import { clearWorkBlockers, screenshot, signIn } from './support/desk-page';
import { serverApiAs, type ServerApi } from './support/server-api';

const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
let browser: DeskBrowser;
let page: Page;
let admin: ServerApi;
let pipelineId: string;
let cardId: string;
const tag = `e2e-cards-${run}`;
/** Field keys are global (the demo seed has its own): ours carry the run id. */
const staffKey = `staff_${run}`;
const sectorKey = `sector_${run}`;
const contractKey = `contract_${run}`;
const groupName = `Afacerea E2E ${run}`;
/** The SPA changes its URL without a page load: poll the query parameter instead of waiting for a navigation. */
const queryParam = (name: string) => new URL(page.url()).searchParams.get(name);
const stageIds: Record<string, string> = {};

/** Calls the API as the signed-in consultant, from the page (same origin, the desk's bearer token). */
async function asConsultant<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
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

async function created<T>(call: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const res = await call;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Opens a Naive UI select inside `scope` and picks the option with this text. */
async function choose(scope: string, option: string) {
  await page.click(`${scope} .n-base-selection`);
  await page.locator('.n-base-select-option', { hasText: option }).first().click();
}

beforeAll(async () => {
  admin = await serverApiAs(baseUrl);
  // A pipeline of our own, so stage rules here cannot disturb the other browser tests.
  const pipeline = await created(
    admin<{ id: string }>('POST', '/pipelines', { code: `e2e-cards-${run}`, name: 'Granturi E2E', order: 90 }),
    'pipeline',
  );
  pipelineId = pipeline.id;
  for (const [order, name, required] of [
    [0, 'Cerere', []],
    [1, 'Documente', [staffKey]],
    [2, 'Aplicare', [staffKey, 'budget']],
  ] as const) {
    const stage = await created(
      admin<{ id: string }>('POST', `/pipelines/${pipelineId}/stages`, {
        name,
        order,
        requiredFieldKeys: required,
      }),
      `stage ${name}`,
    );
    stageIds[name] = stage.id;
  }
  const group = await created(
    admin<{ id: string }>('POST', '/field-groups', { name: { ro: groupName }, order: 1 }),
    'field group',
  );
  for (const [order, key, label, type, options] of [
    [0, staffKey, 'Număr angajați', 'number', []],
    [1, sectorKey, 'Sector', 'select', [{ value: 'agro', label: { ro: 'Agricultură' } }]],
    [2, contractKey, 'Contract semnat', 'file', []],
  ] as const)
    await created(
      admin('POST', '/field-definitions', {
        key,
        label: { ro: label },
        type,
        options,
        order,
        groupId: group.id,
        pipelineIds: [pipelineId],
      }),
      `field ${key}`,
    );

  browser = await launchChromium();
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await signIn(page, baseUrl);
  await clearWorkBlockers(page);
  const contact = await created(
    asConsultant<{ id: string }>('POST', '/contacts', {
      firstName: 'Petru',
      lastName: 'Ursu',
      phones: [`+3736${String(Date.now()).slice(-7)}`],
      tags: [tag],
    }),
    'contact',
  );
  const card = await created(
    asConsultant<{ id: string }>('POST', '/cards', {
      contactId: contact.id,
      pipelineId,
      title: 'Grant pentru o brutărie',
    }),
    'card',
  );
  cardId = card.id;
  await created(
    asConsultant('POST', '/tasks', {
      title: 'Cere lista de angajați',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      cardId,
    }),
    'task',
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('card fields, stage hints, the list view and segments in Chromium', () => {
  it('edits a field in its group, keeps it after a reload and marks what the next stages require', async () => {
    await page.goto(`${baseUrl}/cards/${cardId}`);
    const fields = page.locator('[data-testid="card-fields"]');
    await fields.locator('.n-collapse-item__header-main', { hasText: groupName }).waitFor();
    const employeesHint = fields.locator(`[data-field="${staffKey}"] [data-testid="required-hint"]`);
    await expect(employeesHint.innerText()).resolves.toBe('Obligatoriu pentru a trece în „Documente”');
    await expect(fields.locator('[data-field="budget"] [data-testid="required-hint"]').innerText()).resolves.toBe(
      'Obligatoriu pentru a trece în „Aplicare”',
    );

    await page.fill(`#field-${staffKey}`, '12');
    await page.locator(`#field-${staffKey}`).blur();
    await fields.locator('button[type="submit"]').click();
    await page.locator('.n-message', { hasText: 'Modificările au fost salvate.' }).waitFor();
    await page.reload();
    await page.locator(`#field-${staffKey}`).waitFor();
    await expect(page.inputValue(`#field-${staffKey}`)).resolves.toBe('12');
    const saved = await asConsultant<{ fields: Record<string, unknown> }>('GET', `/cards/${cardId}`);
    expect(saved.body.fields[staffKey]).toBe(12);
  });

  it('refuses a stage whose required field is empty, naming it at the field', async () => {
    const fields = page.locator('[data-testid="card-fields"]');
    await choose('[data-field="stageId"]', 'Aplicare');
    await fields.locator('button[type="submit"]').click();
    const error = fields.locator('[data-field="budget"] [data-testid="field-error"]');
    await error.waitFor();
    expect(await error.innerText()).toContain('Aplicare');
    await screenshot(page, 'card-fields-required');

    await page.fill('#field-budget', '85000');
    await page.locator('#field-budget').blur();
    await fields.locator('button[type="submit"]').click();
    await page.locator('.n-message', { hasText: 'Modificările au fost salvate.' }).last().waitFor();
    await expect
      .poll(async () => (await asConsultant<{ stageId: string }>('GET', `/cards/${cardId}`)).body.stageId)
      .toBe(stageIds.Aplicare);
    await expect(fields.locator(`[data-field="${staffKey}"] [data-testid="required-hint"]`).innerText()).resolves.toBe(
      'Obligatoriu în etapa curentă',
    );
  });

  it('uploads a signed contract into its file field, saves it with the card and downloads the same bytes', async () => {
    const fields = page.locator('[data-testid="card-fields"]');
    const field = fields.locator(`[data-field="${contractKey}"]`);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 42), Buffer.from('\n%%EOF\n')]);
    await field
      .locator('[data-testid="file-picker"]')
      .setInputFiles({ name: 'Contract Ștefan.pdf', mimeType: 'application/pdf', buffer: pdf });
    const link = field.locator('[data-testid="file-link"]');
    await link.waitFor({ timeout: 15_000 });
    await expect(link.innerText()).resolves.toBe('Contract Ștefan.pdf');
    await fields.locator('button[type="submit"]').click();
    await page.locator('.n-message', { hasText: 'Modificările au fost salvate.' }).last().waitFor();
    await screenshot(page, 'card-file-field');
    const saved = await asConsultant<{ fields: Record<string, { url: string; name: string }> }>(
      'GET',
      `/cards/${cardId}`,
    );
    expect(saved.body.fields[contractKey]).toMatchObject({ name: 'Contract Ștefan.pdf' });
    // The link downloads with the session cookie, as a click on it would.
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url, { credentials: 'same-origin' });
      return {
        status: response.status,
        disposition: response.headers.get('content-disposition'),
        bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
      };
    }, saved.body.fields[contractKey].url);
    expect(download.status).toBe(200);
    expect(download.disposition).toContain('attachment');
    expect(Buffer.from(download.bytes).equals(pdf)).toBe(true);
  });

  it('shows the contact on the board, switches to the list and filters it through the URL', async () => {
    await page.goto(`${baseUrl}/pipelines/${pipelineId}`);
    const card = page.locator(`[data-testid="kanban-card"][data-card-id="${cardId}"]`);
    await card.waitFor();
    expect(await card.locator('[data-testid="kanban-contact"]').innerText()).toContain('Petru Ursu');

    await page.locator('[data-testid="view-toggle"] [data-view="list"]').click();
    await expect.poll(() => queryParam('view')).toBe('list');
    await page.locator('[data-testid="card-list-view"]').waitFor();
    await page.fill('[data-filter="tag"] input', tag);
    await page.press('[data-filter="tag"] input', 'Enter');
    await expect.poll(() => queryParam('tag')).toBe(tag);
    const rows = page.locator('[data-testid="card-row"]');
    await expect.poll(() => rows.count()).toBe(1);
    const text = await rows.first().innerText();
    expect(text).toContain('Petru Ursu');
    expect(text).toContain('Aplicare');
    expect(text).toContain('Cere lista de angajați');

    await page.reload();
    await page.locator('[data-testid="card-row"]').first().waitFor();
    await expect(page.inputValue('[data-filter="tag"] input')).resolves.toBe(tag);
    await expect.poll(() => rows.count()).toBe(1);
    await screenshot(page, 'cards-list');
  });

  it('saves the filters as a segment and filters the list by it', async () => {
    await page.getByRole('button', { name: 'Salvează filtrele ca segment' }).click();
    const dialog = page.locator('[data-testid="save-segment-dialog"]');
    await dialog.waitFor();
    const name = `Brutării E2E ${run}`;
    await page.fill('#segment-name', name);
    await dialog.locator('button[type="submit"]').click();
    await page.locator('.n-message', { hasText: `Segmentul „${name}” a fost salvat.` }).waitFor();
    const segments = await asConsultant<Array<{ id: string; name: string; filter: unknown }>>('GET', '/segments');
    const segment = segments.body.find((s) => s.name === name);
    expect(segment?.filter).toEqual({
      match: 'all',
      conditions: [
        { field: 'cardPipeline', pipelineIds: [pipelineId] },
        { field: 'tags', op: 'hasAny', value: [tag] },
      ],
    });
    const count = await asConsultant<{ count: number }>('GET', `/segments/${segment!.id}/count`);
    expect(count.body.count).toBe(1);

    await page.goto(`${baseUrl}/pipelines/${pipelineId}?view=list`);
    await page.locator('[data-testid="card-list-view"]').waitFor();
    await choose('[data-filter="segment"]', name);
    await expect.poll(() => queryParam('segment')).toBe(segment!.id);
    await expect.poll(() => page.locator('[data-testid="card-row"]').count()).toBe(1);
  });
});
