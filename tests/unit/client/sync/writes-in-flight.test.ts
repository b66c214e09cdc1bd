import { describe, expect, it } from 'vitest';
import { trackWrite, writesSettled } from '../../../../client/src/sync/writes-in-flight';

/** A write the test finishes by hand. */
function pendingWrite() {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { promise, finish, fail };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the update prompt’s reload waits for changes being written', () => {
  it('resolves at once with nothing in flight', async () => {
    await expect(writesSettled()).resolves.toBeUndefined();
  });

  it('waits for every write, failed ones too, and for writes started while it waited', async () => {
    const first = pendingWrite();
    const second = pendingWrite();
    trackWrite(first.promise);
    trackWrite(second.promise).catch(() => {});
    let settled = false;
    void writesSettled().then(() => (settled = true));
    first.finish();
    await flush();
    expect(settled).toBe(false);
    // A change made while the reload waits is waited for as well.
    const third = pendingWrite();
    trackWrite(third.promise);
    second.fail(new Error('quota exceeded'));
    await flush();
    expect(settled).toBe(false);
    third.finish();
    await flush();
    expect(settled).toBe(true);
  });
});
