import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Permission, Role } from '../users/roles.js';
import type { AuthenticatedUser } from './authenticated-user.js';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';
export const REQUIRED_PERMISSIONS = 'auth:permissions';

/** The route answers without a session (login, health, signed provider webhooks). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** Only these roles may call the route. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);
/** The caller needs every one of these rights (from the role or granted to the user). */
export const RequirePermissions = (...permissions: Permission[]) => SetMetadata(REQUIRED_PERMISSIONS, permissions);

/** `@CurrentUser() user: AuthenticatedUser` in a controller method. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthenticatedUser => ctx.switchToHttp().getRequest().user,
);
