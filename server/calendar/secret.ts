import { and, eq, sql } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { users } from '../../drizzle/schema';
import type { Db } from '../db/database';

/*
 * The secret in a user's calendar feed address. It is the only credential of the feed (calendar
 * apps send no cookie), so it is long and random, kept in `users.calendar_token` (a private column:
 * never pulled, and writing it changes no sync version, see migration 0007), and shown only to its
 * owner. It is stored as it is, not hashed, so the profile page can show the same address every
 * time: docs/decisions/012-calendar-feed-secret.md says why and what that costs.
 */

const random: RandomReader = {
  read(bytes) {
    crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
  },
};

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const LENGTH = 32;

/** What a secret looks like: anything else is answered 404 without asking the database. */
const SECRET_SHAPE = new RegExp(`^[${ALPHABET}]{${LENGTH}}$`);

/** 32 base32 characters: 160 bits from the platform CSPRNG, like a session token. */
export function generateFeedSecret(): string {
  return generateRandomString(random, ALPHABET, LENGTH);
}

export function isFeedSecretShaped(value: string): boolean {
  return SECRET_SHAPE.test(value);
}

/**
 * The user's feed secret, made on first use. One statement, so two first calls at once agree: the
 * second waits for the first's row lock and then keeps the secret the first wrote.
 */
export async function ensureFeedSecret(db: Db, userId: string, current: string | null): Promise<string> {
  if (current) return current;
  const [row] = await db
    .update(users)
    .set({ calendarToken: sql`coalesce(${users.calendarToken}, ${generateFeedSecret()})` })
    .where(eq(users.id, userId))
    .returning({ secret: users.calendarToken });
  if (!row?.secret) throw new Error('calendar feed secret was not stored');
  return row.secret;
}

/** A new secret for the user: the old address stops answering at once. */
export async function rotateFeedSecret(db: Db, userId: string): Promise<string> {
  const secret = generateFeedSecret();
  const [row] = await db.update(users).set({ calendarToken: secret }).where(eq(users.id, userId)).returning({ id: users.id });
  if (!row) throw new Error('calendar feed secret was not stored');
  return secret;
}

export interface FeedOwner {
  id: string;
}

/**
 * The active user whose feed this secret opens, or null. The database compares SHA-256 digests of
 * the stored secret and of the one asked for, not the secrets themselves, so how long a comparison
 * takes says nothing about how much of a guess was right (a digest's prefix tells nothing about the
 * secret). Users are few; should that change, an expression index on the digest keeps this fast.
 */
export async function findFeedOwner(db: Db, secret: string): Promise<FeedOwner | null> {
  if (!isFeedSecretShaped(secret)) return null;
  const digest = encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
  const [owner] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(sql`encode(sha256(convert_to(${users.calendarToken}, 'UTF8')), 'hex') = ${digest}`, eq(users.active, true)));
  return owner ?? null;
}
