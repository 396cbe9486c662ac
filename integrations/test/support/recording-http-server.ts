import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake provider API received it. */
export type RecordedRequest = {
  method: string;
  /** Path plus query string, exactly as sent. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
};

export type FakeResponse = {
  status?: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON. */
  body?: string | Buffer | object;
};

export type RecordingHttpServer = {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

/** A node:http server on 127.0.0.1:0 that records every request and answers with `respond`. */
export async function startRecordingHttpServer(
  respond: (req: RecordedRequest) => FakeResponse | Promise<FakeResponse>,
): Promise<RecordingHttpServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        pathname: parsed.pathname,
        query: parsed.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      Promise.resolve(respond(recorded))
        .then((answer) => {
          const isObject =
            answer.body !== undefined && typeof answer.body === 'object' && !Buffer.isBuffer(answer.body);
          const payload = isObject ? JSON.stringify(answer.body) : ((answer.body as string | Buffer | undefined) ?? '');
          res.writeHead(answer.status ?? 200, {
            ...(isObject ? { 'content-type': 'application/json' } : {}),
            ...answer.headers,
          });
          res.end(payload);
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function jsonOf(req: RecordedRequest): unknown {
  return JSON.parse(req.body.toString('utf8'));
}

export function formOf(req: RecordedRequest): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(req.body.toString('utf8'))) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return fields;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
