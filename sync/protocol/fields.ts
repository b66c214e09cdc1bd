import { z } from 'zod';
import { isIanaTimeZone } from '../domain/time-zone';

/** Field schemas shared by every message that carries such a value. */

/**
 * PostgreSQL cannot store U+0000 in text. Refusing it where it arrives makes it a clear `invalid`
 * instead of a database error (and keeps it out of IndexedDB, where it would sit forever).
 */
export const hasNoNul = (s: string) => !s.includes('\u0000');
export const NO_NUL_MESSAGE = 'must not contain the NUL character';

/**
 * Dates and times the app accepts. The database stores far more, but nothing in a technician's
 * schedule is before 1900 or after 2200, and the bound keeps typed years such as 0202 or 20266 (and
 * year 0, which PostgreSQL has no room for) out.
 */
export const YEARS = { min: 1900, max: 2200 } as const;
export const yearInRange = (year: number) => year >= YEARS.min && year <= YEARS.max;
export const YEAR_MESSAGE = `must be between the years ${YEARS.min} and ${YEARS.max}`;
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

export const personNameSchema = z.string().trim().min(1, 'must not be empty').max(100).refine(hasNoNul, NO_NUL_MESSAGE);

/** Long enough to resist guessing, short enough that hashing it cannot be used to tie up the server. */
export const newPasswordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(256, 'must be at most 256 characters');
