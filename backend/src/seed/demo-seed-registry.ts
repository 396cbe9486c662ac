import { Injectable } from '@nestjs/common';

/** A domain's contribution to the demo data; runs in ascending `order` (users first, then CRM data, then activity). */
export type DemoSeeder = { name: string; order: number; seed(): Promise<void> };

/** Domains register their demo seeders in `onModuleInit`; `npm start` runs them once on an empty database. */
@Injectable()
export class DemoSeedRegistry {
  private readonly seeders: DemoSeeder[] = [];

  register(seeder: DemoSeeder): void {
    this.seeders.push(seeder);
  }

  ordered(): DemoSeeder[] {
    return [...this.seeders].sort((a, b) => a.order - b.order);
  }
}
