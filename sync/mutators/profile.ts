import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import { existing } from './guards';
import type { MutationContext, MutationPort } from './port';

/** The signed-in user's own name, time zone, theme and colour; last write wins, no conflicts. */
export async function updateProfile(port: MutationPort, ctx: MutationContext, args: MutationArgs<'profile.update'>): Promise<Conflict[]> {
  await existing(port, 'user', ctx.actor.id);
  await port.update('user', ctx.actor.id, args.patch);
  return [];
}
