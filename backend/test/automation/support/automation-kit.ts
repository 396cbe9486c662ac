import type { TestApp } from '../../support/test-app.js';

/** Polls until `probe` returns something truthy (workers run asynchronously); fails with what it saw last. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 8_000,
  what = 'condition',
): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `${what} not met within ${timeoutMs} ms (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`,
      );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function createRule(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
): Promise<{ id: string } & Record<string, any>> {
  const res = await t.http('POST', '/api/automation/rules', { token, body });
  if (res.status !== 201) throw new Error(`rule: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function runsOf(t: TestApp, token: string, ruleId: string): Promise<any[]> {
  const res = await t.http('GET', `/api/automation/rules/${ruleId}/runs`, { token });
  if (res.status !== 200) throw new Error(`runs: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Waits for `count` finished runs of a rule and returns them, newest first. */
export function finishedRuns(t: TestApp, token: string, ruleId: string, count = 1, timeoutMs = 8_000): Promise<any[]> {
  return eventually(
    async () => {
      const runs = (await runsOf(t, token, ruleId)).filter((r) => r.status !== 'running');
      return runs.length >= count ? runs : undefined;
    },
    timeoutMs,
    `${count} run(s) of rule ${ruleId}`,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
