import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertSafeKey, type ByteRange, type ObjectHead, type ObjectStore } from './object-store.js';

/** Files under one root folder (DATA_DIR/recordings by default); writes land atomically through a temp file. */
export class LocalDiskObjectStore implements ObjectStore {
  readonly kind = 'local';

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertSafeKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable | Buffer, options: { contentType?: string } = {}): Promise<ObjectHead> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.${Date.now()}.part`;
    await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp));
    await rename(temp, path);
    return { key, sizeBytes: (await stat(path)).size, contentType: options.contentType };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { key, sizeBytes: info.size } : null;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(prefix = ''): AsyncIterable<ObjectHead> {
    let entries: string[];
    try {
      entries = (await readdir(this.root, { recursive: true })) as string[];
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      const key = entry.split(sep).join('/');
      if (!key.startsWith(prefix) || key.endsWith('.part')) continue;
      const info = await stat(join(this.root, entry));
      if (info.isFile())
        yield { key: relative(this.root, join(this.root, entry)).split(sep).join('/'), sizeBytes: info.size };
    }
  }
}
