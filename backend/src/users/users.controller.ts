import { Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody } from '../common/zod-validation.js';
import { RoleRightsService } from './role-rights.service.js';
import {
  createUserDto,
  departmentDto,
  roleRightsDto,
  updateUserDto,
  type CreateUserDto,
  type DepartmentDto,
  type RoleRightsDto,
  type UpdateUserDto,
} from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly roleRights: RoleRightsService,
  ) {}

  /** Everyone signed in sees the team (assignee pickers, "who spoke with them"). */
  @Get('users')
  list() {
    return this.users.list();
  }

  @Get('users/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(id);
  }

  @Post('users')
  @RequirePermissions('users.manage')
  create(@ValidBody(createUserDto) dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Patch('users/:id')
  @RequirePermissions('users.manage')
  update(@Param('id', ParseUUIDPipe) id: string, @ValidBody(updateUserDto) dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  /** The roles, the rights each one grants now and by default; extra rights are granted per user. */
  @Get('roles')
  @RequirePermissions('users.manage')
  roles() {
    return this.roleRights.catalogue();
  }

  /** What a role grants from now on (not the administrator's: it keeps every right). */
  @Put('roles/:role')
  @RequirePermissions('users.manage')
  setRoleRights(
    @Param('role') role: string,
    @ValidBody(roleRightsDto) dto: RoleRightsDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.roleRights.update(role, dto.permissions, user);
  }

  @Get('departments')
  departments() {
    return this.users.listDepartments();
  }

  @Post('departments')
  @RequirePermissions('users.manage')
  createDepartment(@ValidBody(departmentDto) dto: DepartmentDto) {
    return this.users.createDepartment(dto);
  }

  @Patch('departments/:id')
  @RequirePermissions('users.manage')
  updateDepartment(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(departmentDto.partial()) dto: Partial<DepartmentDto>,
  ) {
    return this.users.updateDepartment(id, dto);
  }
}
