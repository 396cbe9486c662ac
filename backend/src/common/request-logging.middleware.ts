import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestContext } from './request-context.js';

const REQUEST_ID = /^[\w.-]{8,100}$/;

/** Gives each request an id (or keeps a sane incoming X-Request-Id), logs it once on completion, and opens its context. */
export function requestLoggingMiddleware(logger: Logger) {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // An accepted provider webhook is one message among thousands a second (and its URL holds the account's token):
    // debug; its failures stay visible.
    customLogLevel: (req, res, error) =>
      error || res.statusCode >= 500
        ? 'error'
        : res.statusCode >= 400
          ? 'warn'
          : req.url?.startsWith('/api/webhooks/')
            ? 'debug'
            : 'info',
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    httpLogger(req, res);
    requestContext.run({ requestId: String(req.id), ip: req.ip }, next);
  };
}
