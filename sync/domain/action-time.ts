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
