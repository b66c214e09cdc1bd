import { formatInTimeZone } from 'date-fns-tz';
import { slotProblem } from '../../../sync/domain/shift-slot';
import type { Occurrence } from '../../../sync/domain/weekly-repeat';
import type { Commitments } from './week-data';

export interface SeriesPlan {
  fits: { start: Date; end: Date }[];
  refused: { date: string; reason: string }[];
}

const dayName = (date: string) => formatInTimeZone(`${date}T12:00:00Z`, 'UTC', 'EEE d MMM');

/**
 * Which occurrences of a repeat can be saved: each is checked like a single shift, against the
 * technician's shifts and approved time off and the occurrences before it. The rest are listed with
 * the reason, so the dispatcher can save what fits and deal with the others.
 */
export function planSeries(occurrences: readonly Occurrence[], technician: { name: string; timezone: string }, commitments: Commitments, selfId?: string): SeriesPlan {
  const plan: SeriesPlan = { fits: [], refused: [] };
  const taken: { id: string; start: string; end: string }[] = [...commitments.shifts];
  for (const o of occurrences) {
    if ('skipped' in o) {
      plan.refused.push({ date: o.date, reason: `${dayName(o.date)}: the clocks skip that time.` });
      continue;
    }
    const problem = slotProblem(o, technician, taken, commitments.timeOff, selfId);
    if (problem) {
      plan.refused.push({ date: o.date, reason: `${dayName(o.date)}: ${problem.message}` });
      continue;
    }
    plan.fits.push({ start: o.start, end: o.end });
    taken.push({ id: `planned-${o.date}`, start: o.start.toISOString(), end: o.end.toISOString() });
  }
  return plan;
}
