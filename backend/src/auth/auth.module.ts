import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RoleRightsRepository } from '../users/role-rights.repository.js';
import { RoleRightsService } from '../users/role-rights.service.js';
import { UsersController } from '../users/users.controller.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { SessionsRepository } from './sessions.repository.js';

/** Identity: users, departments, role rights, sessions and the global guard every endpoint goes through. */
@Global()
@Module({
  controllers: [AuthController, UsersController],
  providers: [
    UsersRepository,
    RoleRightsRepository,
    RoleRightsService,
    SessionsRepository,
    UsersService,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersRepository, UsersService, AuthService],
})
export class AuthModule {}
