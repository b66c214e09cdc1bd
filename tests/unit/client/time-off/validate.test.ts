import { describe, expect, it } from 'vitest';
import { timeOffErrors } from '../../../../client/src/time-off/validate';

const draft = { startDate: '2031-03-10', endDate: '2031-03-14', note: '' };

describe('time off form messages', () => {
  it('has nothing to say about a good draft, one day long included', () => {
    expect(timeOffErrors(draft)).toEqual({});
    expect(timeOffErrors({ ...draft, endDate: '2031-03-10' })).toEqual({});
  });

  it('asks for missing days in plain sentences', () => {
    expect(timeOffErrors({ ...draft, startDate: '', endDate: '' })).toEqual({ startDate: 'Enter the first day.', endDate: 'Enter the last day.' });
  });

  it('puts a last day before the first at the last day, once', () => {
    expect(timeOffErrors({ ...draft, endDate: '2031-03-09' })).toEqual({ endDate: 'The last day must be on or after the first day.' });
  });

  it('refuses years the app does not store, and overlong notes', () => {
    expect(timeOffErrors({ ...draft, startDate: '0202-03-10' }).startDate).toBe('The first day must be a date between 1900 and 2200.');
    expect(timeOffErrors({ ...draft, note: 'x'.repeat(2001) }).note).toBe('The note can be at most 2,000 characters.');
    expect(timeOffErrors({ ...draft, note: ` ${'x'.repeat(2000)} ` })).toEqual({});
  });
});
