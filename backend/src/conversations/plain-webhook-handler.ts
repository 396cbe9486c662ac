import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundRequest } from '@consult-crm/integrations';
import type { NextFunction, Request } from 'express';
import type { Logger } from 'pino';
import { toApiErrorBody } from '../common/api-exception.filter.js';
import { requestContext } from '../common/request-context.js';
import type { AppConfig } from '../config/app-config.js';
import type { WebhookAnswer, WebhookReceiver } from './webhook-receiver.js';

/** `POST /api/webhooks/:channel/:accountToken` with a JSON body (Telegram, Meta, Viber). */
const JSON_WEBHOOK = /^\/api\/webhooks\/([^/?#]+)\/([^/?#]+)\/?(?:\?.*)?$/;
/** The same limit as the API's JSON body parser. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const REQUEST_ID = /^[\w.-]{8,100}$/;

/**
 * Provider webhooks with a JSON body, answered ahead of Nest's pipeline (request logging, helmet, cookie and body
 * parsers, router, guards, interceptors, exception filter), which was most of the accept path's CPU per message:
 * read the bytes, parse them as the JSON body parser would, and hand them to the same WebhookReceiver as
 * WebhooksController, so the signature check, the accept insert and every answer (`{ error, message, fields? }` for
 * 4xx) are the same. Anything else (GET handshakes, form-encoded Twilio calls, compressed bodies) goes on to Nest.
 * Successful calls are not logged (as before: debug); failures are, with their request id.
 */
export function plainWebhookHandler(options: { receiver: WebhookReceiver; config: AppConfig; logger: Logger }) {
  const { receiver, config, logger } = options;
  return (req: Request, res: ServerResponse, next: NextFunction): void => {
    const route = req.method === 'POST' ? JSON_WEBHOOK.exec(req.url ?? '') : null;
    const [channel, token] = route ? [decoded(route[1]), decoded(route[2])] : [];
    // A path segment that does not decode gets the router's own answer.
    if (channel === undefined || token === undefined || !isPlainJson(req)) return next();
    const incomingId = req.headers['x-request-id'];
    const requestId = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    requestContext.run({ requestId, ip: req.ip }, () => {
      void handle(req, res, channel, token).catch((error: unknown) => answerError(res, error, requestId));
    });
  };

  async function handle(req: Request, res: ServerResponse, channel: string, token: string): Promise<void> {
    const rawBody = await readBody(req);
    const answer = await receiver.receive(channel, token, {
      headers: req.headers,
      rawBody,
      body: parseJsonBody(rawBody),
      query: Object.fromEntries(
        Object.entries(req.query ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
      ),
      url: `${config.http.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`}${req.originalUrl ?? req.url}`,
      method: 'POST',
    } satisfies InboundRequest);
    if (answer.status >= 400)
      logger.warn(
        { requestId: requestContext.current()?.requestId, status: answer.status, channel },
        'webhook refused',
      );
    send(res, answer);
  }

  function answerError(res: ServerResponse, error: unknown, requestId: string): void {
    const { status, body } = toApiErrorBody(error);
    if (status >= 500) logger.error({ err: error, requestId }, 'webhook failed');
    else logger.warn({ requestId, status, err: (error as Error).message }, 'webhook refused');
    if (res.headersSent) return void res.end();
    send(res, { status, json: body });
  }
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** JSON, not compressed: what the fast path parses itself (the body parser handles everything else). */
function isPlainJson(req: IncomingMessage): boolean {
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  const encoding = req.headers['content-encoding']?.toLowerCase();
  return type === 'application/json' && (!encoding || encoding === 'identity');
}

/** A body-parser-shaped error (`type`, `status`), so toApiErrorBody answers as for any other route. */
function parserError(message: string, type: string, status: number): Error {
  return Object.assign(new Error(message), { type, status });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    return Promise.reject(parserError('request entity too large', 'entity.too.large', 413));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      size > MAX_BODY_BYTES
        ? reject(parserError('request entity too large', 'entity.too.large', 413))
        : resolve(Buffer.concat(chunks, size)),
    );
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(parserError('request aborted', 'request.aborted', 400));
    });
  });
}

/** As the strict JSON body parser: an empty body is `{}`, only an object or array is accepted. */
function parseJsonBody(rawBody: Buffer): unknown {
  if (!rawBody.length) return {};
  const text = rawBody.toString('utf8');
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(text)?.[1];
  if (first !== '{' && first !== '[')
    throw parserError(`Unexpected token ${first ?? 'end'} in JSON at position 0`, 'entity.parse.failed', 400);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw parserError((error as Error).message, 'entity.parse.failed', 400);
  }
}

function send(res: ServerResponse, answer: WebhookAnswer): void {
  const [contentType, body] =
    'json' in answer
      ? ['application/json; charset=utf-8', JSON.stringify(answer.json)]
      : [
          /charset=/i.test(answer.contentType) ? answer.contentType : `${answer.contentType}; charset=utf-8`,
          answer.text,
        ];
  res.writeHead(answer.status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
