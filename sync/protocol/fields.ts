import { z } from 'zod';
import { isIanaTimeZone } from '../domain/time-zone';

/** Field schemas shared by every message that carries such a value. */
export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isIanaTimeZone, 'must be an IANA time zone name such as Europe/Berlin');

/** Colours given when none is chosen; the database defaults use the same ones. */
export const DEFAULT_USER_COLOR = '#2563eb';
export const DEFAULT_CATEGORY_COLOR = '#64748b';

export const colorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2563eb')
  .transform((c) => c.toLowerCase());

/** Emails are compared case-insensitively; we store and send them trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('must be an email address'))
  .transform((e) => e.toLowerCase());

export const personNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

/** Long enough to resist guessing, short enough that hashing it cannot be used to tie up the server. */
export const newPasswordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');
