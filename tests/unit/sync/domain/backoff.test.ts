import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../sync/domain/backoff';

describe('retry backoff', () => {
  it('doubles per attempt, between half and all of the ceiling', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
  });

  it('is capped at a minute', () => {
    expect(backoffDelay(30, () => 1)).toBe(60_000);
    expect(backoffDelay(30, () => 0)).toBe(30_000);
  });

  it('spreads devices that fail together', () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => backoffDelay(4, () => i / 50)));
    expect(delays.size).toBe(50);
  });
});
