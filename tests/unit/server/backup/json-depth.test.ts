import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../../../server/backup/json-depth';

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;

describe('nestsDeeperThan', () => {
  it('counts arrays and objects as levels, and scalars as none', () => {
    expect(nestsDeeperThan(7, 0)).toBe(false);
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan(null, 0)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [1, { b: 2 }] }, 2)).toBe(true);
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
  });

  it('finds a deep branch beside shallow ones', () => {
    expect(nestsDeeperThan({ shallow: [1, 2, 3], deep: { x: nested(10) } }, 10)).toBe(true);
  });

  it('walks nesting far past the call stack without overflowing it', () => {
    expect(nestsDeeperThan(nested(1_000_000), 32)).toBe(true);
  });
});
