import { mutationArgsSchemas, type MutationArgs, type MutationName } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import type { MutationContext, MutationPort } from './port';
import { reject } from './rejection';
import { categories, locations, quickLinks } from './reference-data';
import { updateMailSettings } from './mail-settings';
import { updateProfile } from './profile';
import { createSchedule, deleteSchedule, updateSchedule } from './schedule';
import { createComment, archiveTicket, createTicket, unarchiveTicket, updateTicket } from './ticket';
import { createTimeOff, deleteTimeOff, updateTimeOff } from './time-off';

type Mutator<N extends MutationName> = (port: MutationPort, ctx: MutationContext, args: MutationArgs<N>) => Promise<Conflict[]>;

/** Every mutation, by name: the one implementation both the device and the server run. */
export const mutators: { [N in MutationName]: Mutator<N> } = {
  'schedule.create': createSchedule,
  'schedule.update': updateSchedule,
  'schedule.delete': deleteSchedule,
  'timeOff.create': createTimeOff,
  'timeOff.update': updateTimeOff,
  'timeOff.delete': deleteTimeOff,
  'ticket.create': createTicket,
  'ticket.update': updateTicket,
  'ticket.archive': archiveTicket,
  'ticket.unarchive': unarchiveTicket,
  'comment.create': createComment,
  'location.create': locations.create,
  'location.update': locations.update,
  'location.delete': locations.delete,
  'category.create': categories.create,
  'category.update': categories.update,
  'category.delete': categories.delete,
  'quickLink.create': quickLinks.create,
  'quickLink.update': quickLinks.update,
  'quickLink.delete': quickLinks.delete,
  'profile.update': updateProfile,
  'mailSettings.update': updateMailSettings,
};

/**
 * Parses a mutation's args and runs its mutator. Bad args are a final `invalid` rejection, thrown
 * like any other, so the caller has one path for every refusal.
 */
export async function runMutation(port: MutationPort, ctx: MutationContext, name: MutationName, rawArgs: unknown): Promise<Conflict[]> {
  const parsed = mutationArgsSchemas[name].safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    reject('invalid', `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid arguments'}`, { field: path || undefined });
  }
  const mutator = mutators[name] as Mutator<typeof name>;
  return mutator(port, ctx, parsed.data as MutationArgs<typeof name>);
}
