import { z } from 'zod';
import { ROLES } from './enums';
import { colorSchema, emailSchema, hasNoNul, NO_NUL_MESSAGE, newPasswordSchema, personNameSchema, timeZoneSchema } from './fields';

export const loginRequestSchema = z.strictObject({
  // Not validated as an address: anything that does not match a user gets the same 401. But it is
  // a throttle key and a query parameter, and the database cannot store or compare NUL.
  email: z.string().trim().max(254).refine(hasNoNul, NO_NUL_MESSAGE).transform((e) => e.toLowerCase()),
  password: z.string().max(1024),
  remember: z.boolean().optional(),
});

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().max(1024),
  newPassword: newPasswordSchema,
});

export const createUserRequestSchema = z.strictObject({
  email: emailSchema,
  name: personNameSchema,
  password: newPasswordSchema,
  role: z.enum(ROLES),
  timezone: timeZoneSchema.optional(),
  color: colorSchema.optional(),
});

export const updateUserRequestSchema = z.strictObject({
  name: personNameSchema.optional(),
  role: z.enum(ROLES).optional(),
  timezone: timeZoneSchema.optional(),
  color: colorSchema.optional(),
  active: z.boolean().optional(),
});

export const resetPasswordRequestSchema = z.strictObject({
  password: newPasswordSchema,
});

export type LoginRequest = z.input<typeof loginRequestSchema>;
export type CreateUserRequest = z.input<typeof createUserRequestSchema>;
export type UpdateUserRequest = z.input<typeof updateUserRequestSchema>;
