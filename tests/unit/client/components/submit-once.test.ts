import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { createSubmitOnce } from '../../../../client/src/components/submit-once';

describe('a form that submits once', () => {
  it('runs one save at a time, says a save just finished, and lets a failed save be tried again', async () => {
    await createRoot(async (dispose) => {
      const once = createSubmitOnce();
      let release = () => {};
      const save = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
      const first = once.run(save);
      const second = once.run(save);
      expect(once.busy()).toBe(true);
      release();
      await Promise.all([first, second]);
      expect(save).toHaveBeenCalledTimes(1);
      expect(once.busy()).toBe(false);
      expect(once.justSaved()).toBe(true);

      const failing = createSubmitOnce();
      await expect(failing.run(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
      expect(failing.justSaved()).toBe(false);
      expect(failing.busy()).toBe(false);
      dispose();
    });
  });

  it('stays busy after a save that leaves the page, but not after one that failed', async () => {
    await createRoot(async (dispose) => {
      const leaving = createSubmitOnce();
      await leaving.run(() => Promise.resolve(), { staysBusy: true });
      expect(leaving.busy()).toBe(true);
      const refused = createSubmitOnce();
      await expect(refused.run(() => Promise.reject(new Error('no')), { staysBusy: true })).rejects.toThrow('no');
      expect(refused.busy()).toBe(false);
      dispose();
    });
  });
});
