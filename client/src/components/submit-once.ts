import { createSignal, type Accessor } from 'solid-js';

/** Taps closer together than this are one double tap, not two submits. */
const DOUBLE_TAP_MS = 1000;

export interface SubmitOnce {
  /** True while a save runs (the button is disabled and further submits are ignored). */
  busy: Accessor<boolean>;
  /**
   * Whether a save finished less than a double tap ago: a submit of the then emptied form is the
   * second tap of the one that saved, not an attempt to save an empty one.
   */
  justSaved: () => boolean;
  /**
   * Runs `save` unless one is running. A save that resolves counts as done (for `justSaved`); one
   * that throws does not, and its error goes to the caller. With `staysBusy`, a successful save
   * keeps the form busy (it is leaving the page).
   */
  run: (save: () => Promise<void>, options?: { staysBusy?: boolean }) => Promise<void>;
}

/**
 * For forms whose every submit makes something new (a ticket, a comment, a category: each with a
 * fresh id), where a double tap on a phone would make it twice.
 */
export function createSubmitOnce(): SubmitOnce {
  const [busy, setBusy] = createSignal(false);
  let savedAt = Number.NEGATIVE_INFINITY;
  return {
    busy,
    justSaved: () => Date.now() - savedAt < DOUBLE_TAP_MS,
    async run(save, options = {}) {
      if (busy()) return;
      setBusy(true);
      let saved = false;
      try {
        await save();
        saved = true;
        savedAt = Date.now();
      } finally {
        if (!saved || !options.staysBusy) setBusy(false);
      }
    },
  };
}
