import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { DemoSeedRegistry } from './demo-seed-registry.js';

export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_DEPARTMENTS = [
  { code: 'consultanta', name: 'Consultanță antreprenori' },
  { code: 'evenimente', name: 'Evenimente și instruiri' },
  { code: 'marketing', name: 'Marketing și comunicare' },
];

export const DEMO_USERS = [
  {
    email: 'supervisor@consult.local',
    fullName: 'Elena Rusu',
    role: 'supervisor',
    department: 'consultanta',
    ext: '100',
  },
  {
    email: 'ana.popescu@consult.local',
    fullName: 'Ana Popescu',
    role: 'consultant',
    department: 'consultanta',
    ext: '101',
  },
  {
    email: 'ion.ciobanu@consult.local',
    fullName: 'Ion Ciobanu',
    role: 'consultant',
    department: 'consultanta',
    ext: '102',
  },
  {
    email: 'maria.lungu@consult.local',
    fullName: 'Maria Lungu',
    role: 'consultant',
    department: 'evenimente',
    ext: '103',
  },
  {
    email: 'victor.moraru@consult.local',
    fullName: 'Victor Moraru',
    role: 'marketer',
    department: 'marketing',
    ext: '104',
  },
] as const;

/** The first administrator (every start), and the demo team (demo seed). */
@Injectable()
export class IdentitySeed implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly usersRepository: UsersRepository,
    private readonly users: UsersService,
    registry: DemoSeedRegistry,
  ) {
    registry.register({ name: 'identity', order: 0, seed: () => this.seedDemoTeam() });
  }

  async onModuleInit(): Promise<void> {
    await this.ensureAdministrator();
  }

  /** A fresh database gets one administrator; without ADMIN_PASSWORD a random one is printed once. */
  async ensureAdministrator(): Promise<void> {
    if ((await this.usersRepository.list()).length > 0) return;
    const generated = !this.config.auth.adminPassword;
    const password =
      this.config.auth.adminPassword ?? (this.config.seedDemo ? DEMO_PASSWORD : randomBytes(12).toString('base64url'));
    await this.users.create({
      email: this.config.auth.adminEmail,
      fullName: 'Administrator',
      password,
      role: 'admin',
      locale: 'ro',
      extraPermissions: [],
    });
    if (generated && !this.config.seedDemo)
      this.logger.warn(
        { email: this.config.auth.adminEmail },
        `Created the first administrator with password ${password} — change it after signing in.`,
      );
  }

  private async seedDemoTeam(): Promise<void> {
    for (const d of DEMO_DEPARTMENTS) {
      if (!(await this.usersRepository.findDepartmentByCode(d.code))) await this.users.createDepartment(d);
    }
    for (const u of DEMO_USERS) {
      if (await this.usersRepository.findByEmail(u.email)) continue;
      const department = await this.usersRepository.findDepartmentByCode(u.department);
      await this.users.create({
        email: u.email,
        fullName: u.fullName,
        password: DEMO_PASSWORD,
        role: u.role,
        departmentId: department?.id,
        phoneExtension: u.ext,
        locale: 'ro',
        extraPermissions: [],
      });
    }
  }
}
