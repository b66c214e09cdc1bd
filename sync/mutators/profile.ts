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
  await port.update('user', ctx.actor.id, args.patch);
  return [];
}
