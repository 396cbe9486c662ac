import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { passwordHasher } from '../auth/password-hasher.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { ApiError } from '../common/api-error.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation, violatedConstraint } from '../database/postgres-errors.js';
import { toUserView, type UserView } from './user-view.js';
import type { CreateUserDto, DepartmentDto, UpdateOwnProfileDto, UpdateUserDto } from './users.dto.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const row = await this.users.findById(id);
    if (!row) throw ApiError.notFound('User', id);
    return toUserView(row);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    const { password, ...fields } = dto;
    const passwordHash = password ? await passwordHasher.hash(password) : null;
    try {
      return await this.db.transaction(async (tx) => {
        if (fields.departmentId && !(await this.users.findDepartment(fields.departmentId, tx)))
          throw ApiError.validation({ departmentId: 'No such department.' });
        const row = await this.users.insert(tx, { ...fields, passwordHash });
        const view = toUserView(row);
        await this.audit.record({ action: 'create', entityType: 'user', entityId: row.id, after: view }, tx);
        return view;
      });
    } catch (error) {
      throw this.uniqueViolationAsConflict(error);
    }
  }

  async update(id: string, dto: UpdateUserDto): Promise<UserView> {
    const { password, ...fields } = dto;
    const passwordHash = password ? await passwordHasher.hash(password) : undefined;
    try {
      const view = await this.db.transaction(async (tx) => {
        const before = await this.users.findById(id, tx);
        if (!before) throw ApiError.notFound('User', id);
        if (fields.departmentId && !(await this.users.findDepartment(fields.departmentId, tx)))
          throw ApiError.validation({ departmentId: 'No such department.' });
        const row = await this.users.update(tx, id, { ...fields, ...(passwordHash ? { passwordHash } : {}) });
        const after = toUserView(row);
        await this.audit.record(
          { action: 'update', entityType: 'user', entityId: id, before: toUserView(before), after },
          tx,
        );
        return after;
      });
      if (passwordHash || dto.active === false) await this.sessions.revokeAllOf(id);
      return view;
    } catch (error) {
      throw this.uniqueViolationAsConflict(error);
    }
  }

  /** A user's own settings (interface language, e-mail signature); the same audit as an administrator's edit. */
  async updateOwnProfile(userId: string, dto: UpdateOwnProfileDto): Promise<UserView> {
    return this.update(userId, dto);
  }

  async changeOwnPassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.users.findById(userId);
    if (!row?.passwordHash || !(await passwordHasher.verify(row.passwordHash, currentPassword)))
      throw ApiError.validation({ currentPassword: 'The current password is not right.' });
    const passwordHash = await passwordHasher.hash(newPassword);
    await this.db.transaction(async (tx) => {
      await this.users.update(tx, userId, { passwordHash });
      await this.audit.record({ action: 'user.password_changed', entityType: 'user', entityId: userId }, tx);
    });
  }

  listDepartments() {
    return this.users.listDepartments();
  }

  async createDepartment(dto: DepartmentDto) {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.users.insertDepartment(tx, dto);
        await this.audit.record({ action: 'create', entityType: 'department', entityId: row.id, after: row }, tx);
        return row;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw ApiError.conflict('department_exists', `A department with code "${dto.code}" already exists.`);
      throw error;
    }
  }

  async updateDepartment(id: string, dto: Partial<DepartmentDto>) {
    return this.db.transaction(async (tx) => {
      const before = await this.users.findDepartment(id, tx);
      if (!before) throw ApiError.notFound('Department', id);
      const row = await this.users.updateDepartment(tx, id, dto);
      await this.audit.record({ action: 'update', entityType: 'department', entityId: id, before, after: row }, tx);
      return row;
    });
  }

  private uniqueViolationAsConflict(error: unknown): unknown {
    if (!isUniqueViolation(error)) return error;
    const constraint = violatedConstraint(error);
    if (constraint === 'users_phone_extension_key')
      return ApiError.conflict('extension_taken', 'Another user already has this phone extension.');
    return ApiError.conflict('email_taken', 'Another user already has this e-mail address.');
  }
}
