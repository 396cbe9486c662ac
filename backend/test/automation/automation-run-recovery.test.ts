import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { automationRuleRuns } from '../../src/automation/automation.schema.js';
import { createTestDatabase } from '../support/test-database.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createRule, eventually, finishedRuns } from './support/automation-kit.js';

describe(
  'automation: a rule run cut by a crash is recovered when the worker starts again',
  { timeout: 120_000 },
  () => {
    let t: TestApp | undefined;
    let cleanup: () => Promise<void> = async () => undefined;

    afterAll(async () => {
      await t?.close();
      await cleanup();
    }, 60_000);

    /** The same database, queue prefix and secrets across boots, as a restarted deployment has. */
    async function persistentEnv(): Promise<Record<string, string>> {
      const env: Record<string, string> = {
        QUEUE_PREFIX: `test-${randomBytes(4).toString('hex')}`,
        SECRETS_KEY: randomBytes(32).toString('hex'),
        AUTOMATION_RUN_LEASE_MS: '60000',
      };
      if (process.env.TEST_DB === 'postgres') {
        const database = await createTestDatabase();
        cleanup = database.drop;
        return { ...env, DATABASE_URL: database.url! };
      }
      const dir = await mkdtemp(join(tmpdir(), 'crm-automation-recovery-'));
      cleanup = () => rm(dir, { recursive: true, force: true });
      return { ...env, DATA_DIR: dir };
    }

    it('progress is saved per action; after a restart a run left running past the lease is failed with the reason, a fresh one is left alone', async () => {
      const env = await persistentEnv();
      t = await createTestApp(env);
      let admin = await t.login();
      const rule = await createRule(t, admin, {
        name: 'New card: tag and task',
        trigger: 'card.created',
        actions: [
          { type: 'add_tag', params: { tags: ['new-card'] } },
          { type: 'create_task', params: { title: 'Call {{contact.displayName}}', assignee: { mode: 'responsible' } } },
          { type: 'add_tag', params: { tags: ['tasked'] } },
        ],
      });
      const contact = await t.http('POST', '/api/contacts', { token: admin, body: { firstName: 'Petru' } });
      const pipelines = await t.http('GET', '/api/pipelines', { token: admin });
      const card = await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId: contact.body.id, pipelineId: pipelines.body[0].id, title: 'Grant' },
      });
      expect(card.status).toBe(201);
      const [real] = await finishedRuns(t, admin, rule.id, 1, 20_000);
      expect(real).toMatchObject({ status: 'succeeded' });
      expect(real.actionResults.map((r: any) => r.status)).toEqual(['done', 'done', 'done']);

      // The worker dies in the middle of two runs: one started long ago (its first action done), one just now.
      const base = {
        ruleId: rule.id,
        eventType: 'card.created',
        eventRef: 'crash',
        cardId: card.body.id,
        contactId: contact.body.id,
      };
      const [stale] = await t.db
        .insert(automationRuleRuns)
        .values({
          ...base,
          idempotencyKey: 'event:crashed-long-ago',
          status: 'running',
          startedAt: new Date(Date.now() - 3_600_000),
          actionResults: [{ type: 'add_tag', status: 'done', detail: { tags: ['new-card'] } }],
        })
        .returning();
      const [fresh] = await t.db
        .insert(automationRuleRuns)
        .values({ ...base, idempotencyKey: 'event:crashed-just-now', status: 'running' })
        .returning();
      await t.app.close(); // no graceful finish of anything: the rows stay running

      t = await createTestApp(env);
      admin = await t.login();
      const recovered = await eventually(
        async () => {
          const [row] = await t!.db.select().from(automationRuleRuns).where(eq(automationRuleRuns.id, stale.id));
          return row.status === 'failed' ? row : undefined;
        },
        30_000,
        'the interrupted run to be failed',
      );
      expect(recovered.finishedAt).not.toBeNull();
      expect(recovered.error).toContain('Interrupted: the worker stopped during this run');
      expect(recovered.error).toContain('Action 2 (create_task) may or may not have taken effect');
      expect(recovered.error).toContain('Not retried');
      expect(recovered.actionResults).toEqual([
        { type: 'add_tag', status: 'done', detail: { tags: ['new-card'] } },
        { type: 'create_task', status: 'interrupted' },
        { type: 'add_tag', status: 'not_run' },
      ]);
      const [stillRunning] = await t.db.select().from(automationRuleRuns).where(eq(automationRuleRuns.id, fresh.id));
      expect(stillRunning.status).toBe('running');
      const runs = await t.http('GET', `/api/automation/rules/${rule.id}/runs?status=failed`, { token: admin });
      expect(runs.body.map((r: any) => r.id)).toEqual([stale.id]);
    });
  },
);
