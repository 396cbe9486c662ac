import { Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody } from '../common/zod-validation.js';
import { roleCatalogue } from './roles.js';
import {
  createUserDto,
  departmentDto,
  updateUserDto,
  type CreateUserDto,
  type DepartmentDto,
  type UpdateUserDto,
} from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

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

  /** The roles and the rights each one grants (fixed in code); extra rights are granted per user. */
  @Get('roles')
  @RequirePermissions('users.manage')
  roles() {
    return roleCatalogue();
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
