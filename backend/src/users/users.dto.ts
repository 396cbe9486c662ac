import { z } from 'zod';
import { PERMISSIONS, ROLES } from './roles.js';

export const LOCALES = ['ro', 'ru', 'en'] as const;

const password = z.string().min(10, 'Use at least 10 characters.').max(200);

export const createUserDto = z.object({
  email: z.email('Enter a valid e-mail address.').max(200),
  fullName: z.string().trim().min(2, 'Enter the full name.').max(200),
  password: password.optional(),
  role: z.enum(ROLES),
  departmentId: z.uuid().nullable().optional(),
  extraPermissions: z.array(z.enum(PERMISSIONS)).default([]),
  phoneExtension: z
    .string()
    .regex(/^[0-9]{2,8}$/, 'An extension is 2 to 8 digits.')
    .nullable()
    .optional(),
  phone: z.string().max(40).nullable().optional(),
  locale: z.enum(LOCALES).default('ro'),
  photoUrl: z.url().nullable().optional(),
  signatureHtml: z.string().max(10_000).nullable().optional(),
});
export type CreateUserDto = z.infer<typeof createUserDto>;

export const updateUserDto = createUserDto
  .omit({ email: true })
  .partial()
  .extend({ active: z.boolean().optional(), email: z.email().max(200).optional() });
export type UpdateUserDto = z.infer<typeof updateUserDto>;

/** What a user may change on their own profile (PATCH /api/auth/me): nothing that grants rights. */
export const updateOwnProfileDto = z.strictObject({
  locale: z.enum(LOCALES, { error: 'Choose ro, ru or en.' }).optional(),
  signatureHtml: z.string().max(10_000).nullable().optional(),
});
export type UpdateOwnProfileDto = z.infer<typeof updateOwnProfileDto>;

export const changeOwnPasswordDto = z.object({ currentPassword: z.string().min(1), newPassword: password });

export const departmentDto = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]{2,40}$/, 'Use 2–40 lowercase letters, digits or dashes.'),
  name: z.string().trim().min(2).max(200),
});
export type DepartmentDto = z.infer<typeof departmentDto>;

/** The rights a role grants from now on (every right not listed is taken away from the role). */
export const roleRightsDto = z.object({
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
});
export type RoleRightsDto = z.infer<typeof roleRightsDto>;
