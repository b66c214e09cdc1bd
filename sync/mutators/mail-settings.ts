import { MAIL_KINDS, type MailKind } from '../protocol/enums';
import type { NewRow } from '../protocol/entities';
import type { MutationArgs } from '../protocol/mutations';
import type { Conflict } from '../protocol/push';
import type { MutationContext, MutationPort } from './port';

/** No settings row yet: every kind of mail is on. */
export const DEFAULT_MAIL_SETTINGS = Object.fromEntries(MAIL_KINDS.map((kind) => [kind, true])) as Record<MailKind, boolean>;

/** The settings a user has, or the defaults when they never changed any. */
export const mailSettingsOf = (row: Record<MailKind, boolean> | undefined): Record<MailKind, boolean> => ({
  ...DEFAULT_MAIL_SETTINGS,
  ...(row ? Object.fromEntries(MAIL_KINDS.map((kind) => [kind, row[kind]])) : {}),
});

/**
 * The signed-in user's own mail settings, per kind. Offline like the rest of the profile: the device
 * applies it at once and the row (id = the user's id) comes back through the owner's pull alone.
 * Last write wins per kind, no conflicts, like the profile. The first change creates the row; if
 * another device of the same user created it meanwhile, the change applies to that row instead.
 */
export async function updateMailSettings(port: MutationPort, ctx: MutationContext, args: MutationArgs<'mailSettings.update'>): Promise<Conflict[]> {
  const id = ctx.actor.id;
  const current = await port.get('mailSettings', id);
  if (!current) {
    const row: NewRow<'mailSettings'> = { id, ...DEFAULT_MAIL_SETTINGS, ...args.patch };
    if (await port.insert('mailSettings', row)) return [];
  }
  const settings = mailSettingsOf(current ?? (await port.get('mailSettings', id)));
  // Only what differs is written (see profile.ts: a confirmed no-op must not wait for a row).
  const changed = Object.fromEntries(Object.entries(args.patch).filter(([kind, on]) => settings[kind as MailKind] !== on));
  if (Object.keys(changed).length > 0) await port.update('mailSettings', id, changed);
  return [];
}
