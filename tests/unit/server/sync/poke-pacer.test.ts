import { describe, expect, it } from 'vitest';
import { PokePacer } from '../../../../server/sync/poke-pacer';

/** A hand-driven clock: `advance` runs the timers that come due, in order. */
function manualClock() {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle: unknown) => {
      timers = timers.filter((t) => t !== handle);
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = until;
    },
  };
}

function pacer(windowMs = 25) {
  const clock = manualClock();
  const sentAt: number[] = [];
  const p = new PokePacer(windowMs, () => sentAt.push(clock.now()), clock);
  return { p, clock, sentAt };
}

describe('PokePacer', () => {
  it('pokes a lone change at once, without waiting out the window', () => {
    const { p, sentAt } = pacer();
    p.changed();
    expect(sentAt).toEqual([0]);
  });

  it('folds the changes that follow a poke within its window into one poke at the window end', () => {
    const { p, clock, sentAt } = pacer();
    p.changed();
    clock.advance(5);
    p.changed();
    clock.advance(5);
    p.changed();
    p.changed();
    expect(sentAt).toEqual([0]);
    clock.advance(100);
    expect(sentAt).toEqual([0, 25]);
  });

  it('never pokes more often than once a window however fast changes come', () => {
    const { p, clock, sentAt } = pacer(25);
    for (let t = 0; t < 1_000; t++) {
      p.changed();
      clock.advance(1);
    }
    clock.advance(100);
    for (let i = 1; i < sentAt.length; i++) expect((sentAt[i] ?? 0) - (sentAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(25);
    // And none is lost: the last change is poked (at the end of the window after the one before).
    expect(sentAt.at(-1)).toBeGreaterThanOrEqual(999);
  });

  it('pokes at once again once a window has passed quietly', () => {
    const { p, clock, sentAt } = pacer();
    p.changed();
    clock.advance(30);
    p.changed();
    expect(sentAt).toEqual([0, 30]);
  });

  it('sends nothing after stop', () => {
    const { p, clock, sentAt } = pacer();
    p.changed();
    p.changed();
    p.stop();
    clock.advance(100);
    expect(sentAt).toEqual([0]);
  });
});
