import { describe, expect, it } from 'vitest';
import { actionTime, arrivedLater } from '../../../../sync/domain/action-time';

const at = (hhmm: string) => new Date(`2026-03-08T${hhmm}:00.000Z`);

describe('the time of an action', () => {
  it('is when the device says the user acted, for work done offline', () => {
    expect(actionTime(at('09:10'), at('16:00'), at('08:00'))).toEqual(at('09:10'));
  });

  it('is never later than the arrival, however fast the device clock runs', () => {
    expect(actionTime(at('18:00'), at('16:00'), at('08:00'))).toEqual(at('16:00'));
  });

  it('is never earlier than the row it is about', () => {
    expect(actionTime(at('07:00'), at('16:00'), at('08:00'))).toEqual(at('08:00'));
  });

  it('says "synced later" only when acting and arriving are at least a minute apart', () => {
    expect(arrivedLater('2026-03-08T09:10:00.000Z', '2026-03-08T16:00:00.000Z')).toBe(true);
    expect(arrivedLater('2026-03-08T09:10:00.000Z', '2026-03-08T09:10:40.000Z')).toBe(false);
  });
});
