import { permissionsOf } from './roles.js';
import type { UserRow } from './users.schema.js';

/** A user as the API shows it: never the password hash or lockout counters. */
export function toUserView(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.fullName,
    role: row.role,
    departmentId: row.departmentId,
    permissions: permissionsOf(row.role, row.extraPermissions),
    extraPermissions: row.extraPermissions,
    phoneExtension: row.phoneExtension,
    phone: row.phone,
    locale: row.locale,
    photoUrl: row.photoUrl,
    signatureHtml: row.signatureHtml,
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type UserView = ReturnType<typeof toUserView>;
