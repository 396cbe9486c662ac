import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/** Where message files (voice notes, photos, documents) live; local disk now, an S3-like store behind the same calls later. */
export interface ObjectStore {
  put(key: string, content: Buffer): Promise<{ sizeBytes: number }>;
  open(key: string): Promise<{ stream: Readable; sizeBytes: number } | undefined>;
}

/** Files under DATA_DIR/attachments (a per-process temp folder when the database is in memory). */
@Injectable()
export class LocalAttachmentStore implements ObjectStore {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const dataDir =
      config.database.dataDir === 'memory://' ? join(tmpdir(), `consult-crm-${process.pid}`) : config.database.dataDir;
    this.root = resolve(dataDir, 'attachments');
  }

  async put(key: string, content: Buffer): Promise<{ sizeBytes: number }> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    return { sizeBytes: content.length };
  }

  async open(key: string): Promise<{ stream: Readable; sizeBytes: number } | undefined> {
    const path = this.pathOf(key);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    return { stream: createReadStream(path), sizeBytes: info.size };
  }

  private pathOf(key: string): string {
    if (!/^[\w-]+(\/[\w.-]+)*$/.test(key) || key.includes('..')) throw new Error(`Invalid storage key ${key}`);
    return join(this.root, key);
  }
}
