/**
 * How often a server process pokes its event streams. A commit with no poke in the last `windowMs`
 * is poked at once: a lone change reaches the other devices without waiting out a window. Commits
 * arriving within the window of the last poke are folded into one more poke at the window's end,
 * so a burst of commits (many devices pushing) makes at most one poke per window, each one a
 * pull by every connected device.
 */
export class PokePacer {
  private lastSentAt = -Infinity;
  private timer: unknown;

  constructor(
    private readonly windowMs: number,
    private readonly send: () => void,
    private readonly clock: {
      now: () => number;
      setTimer: (fn: () => void, ms: number) => unknown;
      clearTimer: (handle: unknown) => void;
    } = {
      now: () => performance.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    },
  ) {}

  /** A change was committed somewhere. */
  changed(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastSentAt + this.windowMs - this.clock.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.timer = this.clock.setTimer(() => this.fire(), wait);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.lastSentAt = this.clock.now();
    this.send();
  }
}
