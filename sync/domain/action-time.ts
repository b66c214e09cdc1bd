import { YEARS } from '../protocol/fields';

/**
 * The time of the action (sync-protocol.md, "Time of the action"): when the user acted on the
 * device, as ticket history and comments show it. The device's clock is believed, but never past the
 * mutation's arrival (a clock running fast cannot date work in the future) and never before the row
 * the action is about was created (a status change cannot predate its ticket).
 */
export function actionTime(claimed: Date, arrival: Date, notBefore: Date): Date {
  const latest = claimed.getTime() > arrival.getTime() ? arrival : claimed;
  return latest.getTime() < notBefore.getTime() ? notBefore : latest;
}

/** How far apart acting and arriving must be before a screen says "synced <time>" beside it. */
export const SYNCED_LATER_MS = 60_000;

/** Whether an entry was made well before it reached the server (offline work), so both times matter. */
export const arrivedLater = (at: string, arrivedAt: string): boolean =>
  new Date(arrivedAt).getTime() - new Date(at).getTime() >= SYNCED_LATER_MS;

/**
 * Why a mutation's `at` cannot be believed, or null. Before the protocol's first year no one did
 * anything in this app: such a claim comes from a broken or hostile clock, and dates before it are
 * not kept faithfully (year 1 came back as 2001 on PGlite, year 0 is refused by PostgreSQL). A clock
 * running fast needs no such rule: arrival clamps it.
 */
export const actionTimeProblem = (claimed: Date): string | null =>
  claimed.getUTCFullYear() < YEARS.min
    ? `The device's clock said this was done before ${YEARS.min}. Set the device's date and time, then send it again.`
    : null;
