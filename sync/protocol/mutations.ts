import { z } from 'zod';
import { MAIL_KINDS, TICKET_PRIORITIES, TICKET_STATUSES, TIME_OFF_KINDS, TIME_OFF_STATUSES, THEMES, type MailKind } from './enums';
import { colorSchema, hasNoNul, NO_NUL_MESSAGE, personNameSchema, timeZoneSchema, YEAR_MESSAGE, yearInRange } from './fields';

/** Limits from sync-protocol.md; one place so device forms and server agree. */
export const LIMITS = {
  title: 200,
  comment: 10_000,
  description: 20_000,
  note: 2_000,
  name: 100,
  address: 500,
  url: 2_000,
} as const;

const id = z.uuid();
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).refine(hasNoNul, NO_NUL_MESSAGE);
const requiredText = (max: number) => text(max).min(1, 'must not be empty');
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 timestamp' })
  .refine((s) => yearInRange(new Date(s).getUTCFullYear()), YEAR_MESSAGE)
  .transform((s) => new Date(s).toISOString());
const calendarDate = z.iso.date('must be a date YYYY-MM-DD').refine((s) => yearInRange(Number(s.slice(0, 4))), YEAR_MESSAGE);
/** The row version the device last saw: decimal string (as pulled) or a plain integer. */
const baseVersion = z
  .union([z.string().regex(/^\d{1,18}$/, 'must be a version number'), z.number().int().nonnegative()])
  .transform(Number);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(LIMITS.url).refine(hasNoNul, NO_NUL_MESSAGE);

const update = <T extends z.ZodRawShape>(patch: T) =>
  z.strictObject({
    id,
    baseVersion,
    patch: z.strictObject(patch).partial().refine((p) => Object.keys(p).length > 0, 'must change at least one field'),
  });
const remove = z.strictObject({ id, baseVersion });

const scheduleFields = {
  technicianId: id,
  locationId: id.nullable(),
  start: instant,
  end: instant,
  note: text(LIMITS.note),
};

const timeOffFields = {
  startDate: calendarDate,
  endDate: calendarDate,
  kind: z.enum(TIME_OFF_KINDS),
  note: text(LIMITS.note),
};

const ticketFields = {
  title: requiredText(LIMITS.title),
  description: text(LIMITS.description),
  priority: z.enum(TICKET_PRIORITIES),
  categoryId: id.nullable(),
  locationId: id.nullable(),
  assigneeId: id.nullable(),
};

const locationFields = { name: requiredText(LIMITS.name), address: text(LIMITS.address), timezone: timeZoneSchema };
const categoryFields = { name: requiredText(LIMITS.name), color: colorSchema };
const quickLinkFields = { title: requiredText(LIMITS.name), url: httpUrl, position: z.number().int().min(0).max(10_000) };

/** The args of every mutation, by name. */
export const mutationArgsSchemas = {
  'schedule.create': z.strictObject({ id, ...scheduleFields, locationId: id.nullable().optional(), note: scheduleFields.note.optional(), seriesId: id.optional() }),
  'schedule.update': update(scheduleFields),
  'schedule.delete': remove,
  'timeOff.create': z.strictObject({ id, technicianId: id, ...timeOffFields, note: timeOffFields.note.optional() }),
  'timeOff.update': update({ ...timeOffFields, status: z.enum(TIME_OFF_STATUSES) }),
  'timeOff.delete': remove,
  'ticket.create': z.strictObject({
    id,
    title: ticketFields.title,
    priority: ticketFields.priority,
    description: ticketFields.description.optional(),
    categoryId: id.nullable().optional(),
    locationId: id.nullable().optional(),
    assigneeId: id.nullable().optional(),
  }),
  'ticket.update': update({ ...ticketFields, status: z.enum(TICKET_STATUSES) }),
  'ticket.archive': z.strictObject({ id }),
  'ticket.unarchive': z.strictObject({ id }),
  'comment.create': z.strictObject({ id, ticketId: id, body: requiredText(LIMITS.comment) }),
  'location.create': z.strictObject({ id, ...locationFields, address: locationFields.address.optional() }),
  'location.update': update(locationFields),
  'location.delete': remove,
  'category.create': z.strictObject({ id, ...categoryFields, color: categoryFields.color.optional() }),
  'category.update': update(categoryFields),
  'category.delete': remove,
  'quickLink.create': z.strictObject({ id, ...quickLinkFields, position: quickLinkFields.position.optional() }),
  'quickLink.update': update(quickLinkFields),
  'quickLink.delete': remove,
  'profile.update': z.strictObject({
    patch: z
      .strictObject({ name: personNameSchema, timezone: timeZoneSchema, theme: z.enum(THEMES), color: colorSchema })
      .partial()
      .refine((p) => Object.keys(p).length > 0, 'must change at least one field'),
  }),
  'mailSettings.update': z.strictObject({
    patch: z
      .strictObject(Object.fromEntries(MAIL_KINDS.map((kind) => [kind, z.boolean()])) as Record<MailKind, z.ZodBoolean>)
      .partial()
      .refine((p) => Object.keys(p).length > 0, 'must change at least one field'),
  }),
} as const;

export type MutationName = keyof typeof mutationArgsSchemas;
export const MUTATION_NAMES = Object.keys(mutationArgsSchemas) as MutationName[];
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgsSchemas)[N]>;
/** What the device writes into a mutation before parsing (e.g. baseVersion as pulled). */
export type MutationInput<N extends MutationName> = z.input<(typeof mutationArgsSchemas)[N]>;

