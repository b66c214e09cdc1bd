import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNobody, verifyPassword } from '../../../../server/auth/password';
import { generateSessionToken, sessionIdFromToken } from '../../../../server/auth/session-token';

describe('password hashing', () => {
  it('uses Argon2id with at least 19 MiB and 2 passes', async () => {
    const hash = await hashPassword('s3cret password');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the right password only, and a malformed hash is simply false', async () => {
    const hash = await hashPassword('s3cret password');
    expect(await verifyPassword(hash, 's3cret password')).toBe(true);
    expect(await verifyPassword(hash, 'S3cret password')).toBe(false);
    expect(await verifyPassword('garbage', 's3cret password')).toBe(false);
    expect(await verifyAgainstNobody('anything')).toBe(false);
  });
});

describe('session tokens', () => {
  it('are 32 base32 characters and never repeat', () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[a-z2-7]{32}$/);
  });

  it('are stored as their SHA-256', () => {
    expect(sessionIdFromToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
