import type { EntityRow } from '../../../sync/protocol/entities';
import { device } from '../sync/device';
import { liveSignal, type LiveSignal } from './live-query';

export type TeamMember = EntityRow<'user'>;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Everyone on the team, as synced to this device (works offline), by name. */
export function useTeam(): LiveSignal<TeamMember[]> {
  return liveSignal(device.db, async ({ db }) => (await db.user.toArray()).sort(byName), []);
}

/** The people who can be planned: active users, by name. */
export function usePlannable(): LiveSignal<TeamMember[]> {
  return liveSignal(device.db, async ({ db }) => (await db.user.filter((u) => u.active).toArray()).sort(byName), []);
}
