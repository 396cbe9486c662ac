import { createCrmApplication } from './app-factory.js';
import { loadAppConfig } from './config/app-config.js';
import { DemoSeedRunner } from './seed/demo-seed.runner.js';

/** The API process (and, with PROCESS_ROLE=all, the job workers too). */
async function main(): Promise<void> {
  const config = loadAppConfig();
  const { app, logger } = await createCrmApplication(config);
  await app.init(); // module init first: the first administrator is created on an empty database, before the demo team
  if (config.seedDemo && (await app.get(DemoSeedRunner).seedOnce())) logger.info('demo data seeded');
  await app.listen(config.http.port, config.http.host);
  logger.info({ url: await app.getUrl(), role: config.processRole }, 'Consult CRM API listening');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
