import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

type OutputChunkLike = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[] };
type OutputAssetLike = { type: 'asset'; fileName: string; source: string | Uint8Array };

/**
 * Prints the gzip size of what a first visit downloads before the app can start — the entry chunk plus every chunk
 * it imports statically (lazy route chunks excluded) — and fails the build when it exceeds the budget.
 */
export function firstLoadBudget(options: { limitKb: number }): Plugin {
  return {
    name: 'consult-crm:first-load-budget',
    apply: 'build',
    generateBundle(_output, bundle) {
      const chunks = new Map<string, OutputChunkLike>();
      for (const item of Object.values(bundle) as Array<OutputChunkLike | OutputAssetLike>) {
        if (item.type === 'chunk') chunks.set(item.fileName, item);
      }
      const entry = [...chunks.values()].find((c) => c.isEntry);
      if (!entry) return;
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        for (const imported of chunks.get(fileName)?.imports ?? []) visit(imported);
      };
      visit(entry.fileName);
      const gzipBytes = [...seen].reduce((sum, name) => sum + gzipSync(chunks.get(name)?.code ?? '').length, 0);
      const css = Object.values(bundle).filter(
        (item) => item.type === 'asset' && item.fileName.endsWith('.css'),
      ) as OutputAssetLike[];
      const cssGzip = css.reduce((sum, a) => sum + gzipSync(a.source).length, 0);
      const kb = (bytes: number) => (bytes / 1024).toFixed(1);
      const line = `first-load JS (gzip): ${kb(gzipBytes)} KB in ${seen.size} chunk(s) [budget ${options.limitKb} KB]; CSS (gzip): ${kb(cssGzip)} KB`;
      this.info(line);
      console.log(`\n  ${line}\n`);
      if (gzipBytes > options.limitKb * 1024) {
        this.error(`First-load JS is ${kb(gzipBytes)} KB gzip, over the ${options.limitKb} KB budget: lazy-load more.`);
      }
    },
  };
}
