import type { Readable } from 'node:stream';

export type ObjectHead = { key: string; sizeBytes: number; contentType?: string };
/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export type ByteRange = { start: number; end: number };

/** Where recording files live: a folder on disk or an S3-compatible bucket, chosen by RECORDINGS_STORE. */
export interface ObjectStore {
  readonly kind: string;
  put(key: string, body: Readable | Buffer, options?: { contentType?: string }): Promise<ObjectHead>;
  get(key: string, range?: ByteRange): Promise<Readable>;
  head(key: string): Promise<ObjectHead | null>;
  delete(key: string): Promise<void>;
  list(prefix?: string): AsyncIterable<ObjectHead>;
}

export const OBJECT_STORE = Symbol('OBJECT_STORE');

/** Keys are relative paths of safe segments: "recordings/2026/11/<uuid>.wav". */
export function assertSafeKey(key: string): void {
  if (
    !key ||
    key.startsWith('/') ||
    key.split('/').some((part) => !part || part === '.' || part === '..' || !/^[\w.-]+$/.test(part))
  )
    throw new Error(`Unsafe object key "${key}"`);
}
