import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { ApiExceptionFilter, toApiErrorBody } from './common/api-exception.filter.js';
import { createRootLogger, PinoNestLogger } from './common/logger.js';
import { requestLoggingMiddleware } from './common/request-logging.middleware.js';
import type { AppConfig } from './config/app-config.js';
import { plainWebhookHandler } from './conversations/plain-webhook-handler.js';
import { WebhookReceiver } from './conversations/webhook-receiver.js';
import { applyMigrations, openDatabase, type DatabaseConnection } from './database/database-connection.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';

export type CrmApplication = { app: NestExpressApplication; connection: DatabaseConnection; logger: Logger };

/** Opens and migrates the database, then builds the Nest application with every cross-cutting concern wired. */
export async function createCrmApplication(
  config: AppConfig,
  options: { logger?: Logger } = {},
): Promise<CrmApplication> {
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const connection = await openDatabase(config.database);
  try {
    await applyMigrations(connection);
  } catch (error) {
    await connection.close();
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, connection, logger), {
    logger: new PinoNestLogger(logger),
    rawBody: true,
    bufferLogs: false,
  });
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  // Provider webhooks with a JSON body are answered before the request pipeline below (plainWebhookHandler).
  app.use(plainWebhookHandler({ receiver: app.get(WebhookReceiver), config, logger }));
  app.use(requestLoggingMiddleware(logger));
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('urlencoded', { extended: true, limit: '5mb' });
  app.enableCors({ origin: config.http.corsOrigins.length ? config.http.corsOrigins : false, credentials: true });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ApiExceptionFilter(logger));
  app.useWebSocketAdapter(new RedisIoAdapter(app));
  mountApiDocs(app);
  if (config.http.deskDist) mountAgentDesk(app, config.http.deskDist);
  app.use(bodyParserErrors);
  app.enableShutdownHooks();
  return { app, connection, logger };
}

function mountApiDocs(app: NestExpressApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Consult CRM API')
      .setDescription('Omnichannel contact-centre CRM: contacts, consultations, calls, conversations, campaigns.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/** Production builds of the desk are served by the backend on the same port, with SPA fallback. */
function mountAgentDesk(app: NestExpressApplication, deskDist: string): void {
  const index = join(deskDist, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(deskDist, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (
      req.method !== 'GET' ||
      req.path.startsWith('/api') ||
      req.path.startsWith('/socket.io') ||
      req.path.startsWith('/widget/')
    )
      return next();
    res.sendFile(index);
  });
}

/** Express body-parser rejects malformed JSON before Nest's filters run: answer in the API's error shape. */
function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const { status, body } = toApiErrorBody(error);
  res.status(status).json(body);
}
