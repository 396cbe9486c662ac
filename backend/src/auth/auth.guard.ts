import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from '../common/api-error.js';
import { requestContext } from '../common/request-context.js';
import type { Permission, Role } from '../users/roles.js';
import { PUBLIC_ROUTE, REQUIRED_PERMISSIONS, REQUIRED_ROLES } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { sessionTokenFrom } from './session-token.js';

/** Global guard: every route needs a live session unless marked @Public(); then roles and rights are checked. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { user?: unknown }>();
    const token = sessionTokenFrom(request.headers, request.cookies);
    const user = token ? await this.auth.authenticate(token) : undefined;
    if (!user) throw ApiError.unauthorized(token ? 'Your session has ended. Please sign in again.' : 'Please sign in.');
    request.user = user;
    requestContext.setUser(user);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length && !roles.includes(user.role))
      throw ApiError.forbidden(`This needs one of the roles: ${roles.join(', ')}. Ask an administrator for access.`);

    const permissions = this.reflector.getAllAndOverride<Permission[] | undefined>(REQUIRED_PERMISSIONS, targets);
    const missing = permissions?.filter((p) => !user.permissions.includes(p)) ?? [];
    if (missing.length)
      throw ApiError.forbidden(
        `You do not have the right to do this (${missing.join(', ')}). Ask an administrator for access.`,
      );
    return true;
  }
}
