import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Database, DatabaseConnection } from './database-connection.js';

export const DATABASE = Symbol('DATABASE');
export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/** Inject the Drizzle database in repositories: `constructor(@InjectDatabase() private readonly db: Database)`. */
export const InjectDatabase = () => Inject(DATABASE);

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}

  /** The connection is opened (and migrated) before Nest starts, so a bad database stops the start with a clear error. */
  static forConnection(connection: DatabaseConnection): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_CONNECTION, useValue: connection },
        { provide: DATABASE, useValue: connection.db satisfies Database },
      ],
      exports: [DATABASE, DATABASE_CONNECTION],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
