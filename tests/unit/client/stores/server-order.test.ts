import { describe, expect, it } from 'vitest';
import { serverOrder } from '../../../../client/src/stores/server-order';

const entry = (version: string, at: string, from: string, to: string) => ({ version, createdAt: at, at, from, to });

describe('rows in server order', () => {
  it('keeps a ticket’s history as the server applied it, so each status change starts where the one before ended, whatever the device clocks said', () => {
    // The technician resolved it at 10:00; the admin, whose clock runs an hour slow, closed it just after (it says 09:01).
    const resolved = entry('41', '2026-03-08T10:00:00.000Z', 'in_progress', 'resolved');
    const closed = entry('42', '2026-03-08T09:01:00.000Z', 'resolved', 'closed');
    const sorted = [closed, resolved].sort(serverOrder);
    expect(sorted.map((h) => h.to)).toEqual(['resolved', 'closed']);
    expect(sorted[1]?.from).toBe(sorted[0]?.to);
  });

  it('compares versions as numbers, past what a double holds, and puts rows only on this device last', () => {
    const big = { version: '9007199254740993', createdAt: '2026-01-01T00:00:00.000Z' };
    const bigger = { version: '9007199254740994', createdAt: '2025-01-01T00:00:00.000Z' };
    const local = { version: '0', createdAt: '2020-01-01T00:00:00.000Z' };
    const small = { version: '10', createdAt: '2026-06-01T00:00:00.000Z' };
    expect([local, bigger, big, small].sort(serverOrder)).toEqual([small, big, bigger, local]);
  });
});
