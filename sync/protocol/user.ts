import { z } from 'zod';
import { ROLES, THEMES } from './enums';

/** A user as the API and sync send it. Password hashes, sessions and private settings never leave the server. */
export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  timezone: z.string(),
  theme: z.enum(THEMES),
  color: z.string(),
  active: z.boolean(),
});

export type User = z.infer<typeof userSchema>;
