import { YEARS, yearInRange } from '../../../sync/protocol/fields';
import { LIMITS } from '../../../sync/protocol/mutations';

export interface TimeOffDraft {
  startDate: string;
  endDate: string;
  note: string;
}

export type TimeOffErrors = Partial<Record<keyof TimeOffDraft, string>>;

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && yearInRange(Number(s.slice(0, 4)));

/**
 * What is wrong with a time-off draft, as sentences for the fields. The same rules run again in the
 * mutator (sync/mutators/time-off.ts) on the device and the server; these only say it earlier and
 * next to the field.
 */
export function timeOffErrors(d: TimeOffDraft): TimeOffErrors {
  const errors: TimeOffErrors = {};
  if (!d.startDate) errors.startDate = 'Enter the first day.';
  else if (!isDate(d.startDate)) errors.startDate = `The first day must be a date between ${YEARS.min} and ${YEARS.max}.`;
  if (!d.endDate) errors.endDate = 'Enter the last day.';
  else if (!isDate(d.endDate)) errors.endDate = `The last day must be a date between ${YEARS.min} and ${YEARS.max}.`;
  else if (!errors.startDate && d.endDate < d.startDate) errors.endDate = 'The last day must be on or after the first day.';
  if (d.note.trim().length > LIMITS.note) errors.note = `The note can be at most ${LIMITS.note.toLocaleString('en')} characters.`;
  return errors;
}
