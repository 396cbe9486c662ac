import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { toUserView, type UserView } from '../users/user-view.js';
import { UsersRepository } from '../users/users.repository.js';
import type { UserRow } from '../users/users.schema.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { hashForUnknownUser, passwordHasher } from './password-hasher.js';
import { hashSessionToken, newSessionToken } from './session-token.js';
import { SessionsRepository } from './sessions.repository.js';

export type LoginResult = { token: string; expiresAt: Date; user: UserView };

const WRONG_CREDENTIALS = 'The e-mail or password is not right. Check them and try again.';

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async login(email: string, password: string, client: { ip?: string; userAgent?: string }): Promise<LoginResult> {
    const user = await this.users.findByEmail(email);
    if (!user || !user.active || !user.passwordHash) {
      await passwordHasher.verify(await hashForUnknownUser(), password);
      await this.auditFailure(email, user, user ? 'account disabled or without a password' : 'unknown e-mail');
      throw ApiError.unauthorized(WRONG_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.auditFailure(email, user, 'account locked');
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'account_locked',
        `Too many failed sign-ins. Try again after ${user.lockedUntil.toISOString()} or ask an administrator to unlock the account.`,
      );
    }
    if (!(await passwordHasher.verify(user.passwordHash, password))) {
      await this.users.recordFailedLogin(user.id, this.config.auth.loginMaxFailures, this.config.auth.loginLockMinutes);
      await this.auditFailure(email, user, 'wrong password');
      throw ApiError.unauthorized(WRONG_CREDENTIALS);
    }
    if (user.failedLoginCount > 0) await this.users.clearFailedLogins(user.id);
    const token = newSessionToken();
    const expiresAt = new Date(Date.now() + this.config.auth.sessionTtlHours * 3_600_000);
    const session = await this.sessions.create({
      tokenHash: hashSessionToken(token),
      userId: user.id,
      expiresAt,
      ...client,
    });
    await this.audit.record({
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { sessionId: session.id, userAgent: client.userAgent },
      actor: { userId: user.id, label: user.email },
    });
    return { token, expiresAt, user: toUserView(user) };
  }

  async logout(user: AuthenticatedUser): Promise<void> {
    await this.sessions.revoke(user.sessionId);
    await this.audit.record({ action: 'auth.logout', entityType: 'user', entityId: user.id });
  }

  /** The user behind a session token, or undefined when the token is unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthenticatedUser | undefined> {
    const found = await this.sessions.findLive(hashSessionToken(token));
    if (!found) return undefined;
    const view = toUserView(found.user);
    return {
      id: view.id,
      email: view.email,
      fullName: view.fullName,
      role: view.role,
      departmentId: view.departmentId,
      permissions: view.permissions,
      locale: view.locale,
      phoneExtension: view.phoneExtension,
      sessionId: found.session.id,
    };
  }

  private auditFailure(email: string, user: UserRow | undefined, reason: string) {
    return this.audit.record({
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      after: { email, reason },
      actor: { userId: null, label: email },
    });
  }
}
