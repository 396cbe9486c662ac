import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { RoleRightsRepository } from './role-rights.repository.js';
import { PERMISSIONS, ROLES, rightsOfRole, roleCatalogue, useChangedRoleRights, type Permission } from './roles.js';

/** Other API and worker processes pick up a change within this long (this process at once). */
const REFRESH_EVERY_MS = 10_000;

/**
 * Rights per role, changeable by an administrator (`PUT /api/roles/:role`): stored in `role_rights`, applied to this
 * process at once and to the others by a periodic re-read. Signed-in users get the new rights on their next request.
 */
@Injectable()
export class RoleRightsService implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: RoleRightsRepository,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () =>
        void this.refresh().catch((error: Error) =>
          this.logger.warn({ err: error.message }, 'role rights not re-read'),
        ),
      REFRESH_EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  catalogue() {
    return roleCatalogue();
  }

  async update(roleParam: string, permissions: Permission[], actor: AuthenticatedUser) {
    const role = ROLES.find((r) => r === roleParam);
    if (!role) throw ApiError.notFound('Role', roleParam);
    if (role === 'admin')
      throw ApiError.unprocessable(
        'admin_keeps_all_rights',
        'The administrator role always has every right, so that someone can always manage users and settings.',
      );
    const wanted = PERMISSIONS.filter((p) => permissions.includes(p));
    const before = [...rightsOfRole(role)];
    await this.db.transaction(async (tx) => {
      await this.repository.save(role, wanted, actor.id, tx);
      await this.audit.record(
        {
          action: 'update',
          entityType: 'role',
          entityId: role,
          before: { permissions: before },
          after: { permissions: wanted },
        },
        tx,
      );
    });
    await this.refresh();
    return roleCatalogue().roles.find((r) => r.role === role)!;
  }

  private async refresh(): Promise<void> {
    useChangedRoleRights(await this.repository.list());
  }
}
