import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { LocalDiskObjectStore } from './local-disk-object-store.js';
import { OBJECT_STORE, type ObjectStore } from './object-store.js';
import { S3ObjectStore } from './s3-object-store.js';

/** RECORDINGS_STORE=local → DATA_DIR/recordings; s3 → the configured S3-compatible bucket. */
export function createRecordingsStore(config: AppConfig): ObjectStore {
  if (config.recordings.store === 's3') return new S3ObjectStore(config.recordings.s3);
  // An in-memory database (tests) has no data folder: recordings go to the system temp folder.
  const dataDir = config.database.dataDir === 'memory://' ? join(tmpdir(), 'consult-crm') : config.database.dataDir;
  return new LocalDiskObjectStore(join(dataDir, 'recordings'));
}

export const recordingsObjectStoreProvider: Provider = {
  provide: OBJECT_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createRecordingsStore(config),
};
