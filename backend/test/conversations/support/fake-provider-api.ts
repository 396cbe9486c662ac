import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake provider API received it. */
export type RecordedRequest = {
  method: string;
  url: string;
  pathname: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
};
export type FakeAnswer = { status?: number; headers?: Record<string, string>; body?: string | Buffer | object };

export type FakeProviderApi = {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replace how the server answers (e.g. fail for a while). */
  respond: (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;
  close(): Promise<void>;
};

/** A node:http server on 127.0.0.1 speaking just enough of a provider's API; records every request. */
export async function startFakeProviderApi(respond: FakeProviderApi['respond']): Promise<FakeProviderApi> {
  const api: FakeProviderApi = { baseUrl: '', requests: [], respond, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        pathname: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      api.requests.push(recorded);
      Promise.resolve(api.respond(recorded))
        .then((answer) => {
          const isObject =
            answer.body !== undefined && typeof answer.body === 'object' && !Buffer.isBuffer(answer.body);
          res.writeHead(answer.status ?? 200, {
            ...(isObject ? { 'content-type': 'application/json' } : {}),
            ...answer.headers,
          });
          res.end(isObject ? JSON.stringify(answer.body) : ((answer.body as string | Buffer | undefined) ?? ''));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}

export const jsonOf = (req: RecordedRequest): any => JSON.parse(req.body.toString('utf8'));
export const formOf = (req: RecordedRequest): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
