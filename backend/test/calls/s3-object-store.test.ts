import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../src/recordings/s3-object-store.js';

type SeenRequest = { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer };

/** Speaks the part of the S3 REST API the store uses (path-style), keeping objects in memory and every request seen. */
function fakeS3(): { server: Server; seen: SeenRequest[]; objects: Map<string, Buffer> } {
  const seen: SeenRequest[] = [];
  const objects = new Map<string, Buffer>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const url = new URL(req.url!, 'http://s3.local');
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    if (bucket !== 'recordings-bucket') return res.writeHead(404).end();
    if (req.method === 'PUT') {
      objects.set(key, body);
      return res.writeHead(200, { etag: '"abc"' }).end();
    }
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const contents = [...objects]
        .filter(([k]) => k.startsWith(prefix))
        .map(([k, v]) => `<Contents><Key>${k}</Key><Size>${v.length}</Size></Contents>`)
        .join('');
      return res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${bucket}</Name><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
        );
    }
    const object = objects.get(key);
    if (!object)
      return res
        .writeHead(404, { 'content-type': 'application/xml' })
        .end(req.method === 'HEAD' ? undefined : '<Error><Code>NoSuchKey</Code></Error>');
    if (req.method === 'HEAD')
      return res.writeHead(200, { 'content-length': object.length, 'content-type': 'audio/wav' }).end();
    if (req.method === 'DELETE') {
      objects.delete(key);
      return res.writeHead(204).end();
    }
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (range) {
      const part = object.subarray(Number(range[1]), Number(range[2]) + 1);
      return res
        .writeHead(206, {
          'content-length': part.length,
          'content-range': `bytes ${range[1]}-${range[2]}/${object.length}`,
        })
        .end(part);
    }
    res.writeHead(200, { 'content-length': object.length }).end(object);
  });
  return { server, seen, objects };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('S3ObjectStore against a local S3-compatible server', () => {
  const s3 = fakeS3();
  let store: S3ObjectStore;

  beforeAll(async () => {
    await new Promise<void>((resolve) => s3.server.listen(0, '127.0.0.1', resolve));
    const { port } = s3.server.address() as AddressInfo;
    store = new S3ObjectStore({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'eu-central-1',
      bucket: 'recordings-bucket',
      accessKeyId: 'AKIDTESTRECORDINGS',
      secretAccessKey: 'secret-key-for-tests',
      forcePathStyle: true,
    });
  });
  afterAll(() => {
    store.destroy();
    s3.server.close();
  });

  it('PUTs the bytes with a SigV4 signature and reads them back, whole and by range', async () => {
    const bytes = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const head = await store.put(
      'recordings/2026/11/call-1.wav',
      Readable.from([bytes.subarray(0, 2000), bytes.subarray(2000)]),
      { contentType: 'audio/wav' },
    );
    expect(head.sizeBytes).toBe(5000);
    const put = s3.seen.find((r) => r.method === 'PUT')!;
    expect(new URL(put.url, 'http://s3.local').pathname).toBe('/recordings-bucket/recordings/2026/11/call-1.wav');
    expect(put.body.equals(bytes)).toBe(true);
    expect(put.headers['content-type']).toBe('audio/wav');
    expect(put.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTESTRECORDINGS\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(put.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(put.headers['x-amz-content-sha256']).toBeDefined();

    expect((await readAll(await store.get('recordings/2026/11/call-1.wav'))).equals(bytes)).toBe(true);
    const part = await readAll(await store.get('recordings/2026/11/call-1.wav', { start: 10, end: 19 }));
    expect(part.equals(bytes.subarray(10, 20))).toBe(true);
    const ranged = s3.seen.filter((r) => r.method === 'GET').at(-1)!;
    expect(ranged.headers.range).toBe('bytes=10-19');
    expect(ranged.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });

  it('head, list and delete', async () => {
    expect(await store.head('recordings/2026/11/call-1.wav')).toMatchObject({ sizeBytes: 5000 });
    expect(await store.head('recordings/missing.wav')).toBeNull();
    const listed: string[] = [];
    for await (const item of store.list('recordings/2026/')) listed.push(item.key);
    expect(listed).toEqual(['recordings/2026/11/call-1.wav']);
    await store.delete('recordings/2026/11/call-1.wav');
    expect(s3.seen.at(-1)!.method).toBe('DELETE');
    expect(s3.objects.size).toBe(0);
  });
});
