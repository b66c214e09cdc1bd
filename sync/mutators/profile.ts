import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { existing } from './guards';
import type { MutationContext, MutationPort } from './port';
import { requireZoneChangeKeepsTimeOffClear } from './time-off';

/**
 * The signed-in user's own name, time zone, theme and colour; last write wins, no conflicts. A new
 * zone must not move approved time off over existing shifts.
 */
export async function updateProfile(port: MutationPort, ctx: MutationContext, args: MutationArgs<'profile.update'>): Promise<Conflict[]> {
  const me = await existing(port, 'user', ctx.actor.id);
  if (args.patch.timezone !== undefined) await requireZoneChangeKeepsTimeOffClear(port, me, args.patch.timezone);
  // Only what differs is written, like every other update: a value the profile already has
  // changes no row, so the device must not write it either (its confirmed mutation would wait for
  // a row that never comes back; confirmed-effects.ts).
  const changed = Object.fromEntries(Object.entries(args.patch).filter(([field, value]) => value !== undefined && !Object.is(me[field as keyof typeof me], value)));
  if (Object.keys(changed).length > 0) await port.update('user', ctx.actor.id, changed);
  return [];
}
