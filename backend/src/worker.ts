import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createRootLogger, PinoNestLogger } from './common/logger.js';
import { loadAppConfig } from './config/app-config.js';
import { applyMigrations, openDatabase } from './database/database-connection.js';

/** The job-worker process: same modules, no HTTP; only queue workers and timers run here. */
async function main(): Promise<void> {
  const config = { ...loadAppConfig(), processRole: 'worker' as const };
  const logger = createRootLogger(config.logLevel);
  const connection = await openDatabase(config.database);
  await applyMigrations(connection);
  const app = await NestFactory.createApplicationContext(AppModule.create(config, connection, logger), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  logger.info('Consult CRM worker running');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
