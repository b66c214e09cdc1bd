import { sha256 } from '@oslojs/crypto/sha2';
import { generateRandomString, type RandomReader } from '@oslojs/crypto/random';
import { encodeHexLowerCase } from '@oslojs/encoding';

const random: RandomReader = {
  read(bytes) {
    // oslo hands us a plain Uint8Array; the DOM typing only rejects SharedArrayBuffer views.
    crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>);
  },
};

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 32 base32 characters: 160 bits from the platform CSPRNG (the Lucia guide's recommendation). */
export function generateSessionToken(): string {
  return generateRandomString(random, ALPHABET, 32);
}

/** The session id stored in the database: SHA-256 of the token, so a leaked table opens nothing. */
export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function generatePassword(length = 20): string {
  return generateRandomString(random, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789', length);
}
