import { z } from 'zod';
import { MAIL_KINDS, TICKET_PRIORITIES, TICKET_STATUSES, TIME_OFF_KINDS, TIME_OFF_STATUSES, type MailKind } from './enums';
import { userSchema } from './user';

/**
 * Synced rows as they travel in pull responses and live in the device database: camelCase, the same
 * names the mutations use. `version` is the row's last change in the server's change order (a
 * decimal string: it is a 64-bit counter).
 */
const meta = {
  id: z.uuid(),
  version: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** The public user (as /api/users sends it) plus the sync columns. */
export const userRowSchema = userSchema.extend(meta);

export const locationRowSchema = z.object({ ...meta, name: z.string(), address: z.string(), timezone: z.string() });
export const categoryRowSchema = z.object({ ...meta, name: z.string(), color: z.string() });
export const quickLinkRowSchema = z.object({ ...meta, title: z.string(), url: z.string(), position: z.number().int() });

export const scheduleRowSchema = z.object({
  ...meta,
  technicianId: z.uuid(),
  locationId: z.uuid().nullable(),
  start: z.string(),
  end: z.string(),
  note: z.string(),
  /** Shared by the shifts one "repeat weekly" made; null for a single shift. */
  seriesId: z.uuid().nullable(),
});

export const timeOffRowSchema = z.object({
  ...meta,
  technicianId: z.uuid(),
  startDate: z.string(),
  endDate: z.string(),
  kind: z.enum(TIME_OFF_KINDS),
  status: z.enum(TIME_OFF_STATUSES),
  note: z.string(),
});

export const ticketRowSchema = z.object({
  ...meta,
  title: z.string(),
  description: z.string(),
  priority: z.enum(TICKET_PRIORITIES),
  status: z.enum(TICKET_STATUSES),
  categoryId: z.uuid().nullable(),
  locationId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  createdBy: z.uuid().nullable(),
  archivedAt: z.string().nullable(),
});

/** `at`: when the comment was written on the device; `createdAt`: when it reached the server. */
export const commentRowSchema = z.object({ ...meta, ticketId: z.uuid(), authorId: z.uuid().nullable(), body: z.string(), at: z.string() });

export const ticketHistoryRowSchema = z.object({
  ...meta,
  ticketId: z.uuid(),
  actorId: z.uuid().nullable(),
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  conflict: z.boolean(),
  at: z.string(),
});

/**
 * Which notification mail its owner wants, per kind. Its id is the owner's user id, and only the
 * owner pulls it (sync-protocol.md: other users' notification settings are withheld).
 */
export const mailSettingsRowSchema = z.object({
  ...meta,
  ...(Object.fromEntries(MAIL_KINDS.map((kind) => [kind, z.boolean()])) as Record<MailKind, z.ZodBoolean>),
});

export const entityRowSchemas = {
  user: userRowSchema,
  location: locationRowSchema,
  category: categoryRowSchema,
  quickLink: quickLinkRowSchema,
  schedule: scheduleRowSchema,
  timeOff: timeOffRowSchema,
  ticket: ticketRowSchema,
  comment: commentRowSchema,
  ticketHistory: ticketHistoryRowSchema,
  mailSettings: mailSettingsRowSchema,
} as const;

export type EntityName = keyof typeof entityRowSchemas;
export const ENTITY_NAMES = Object.keys(entityRowSchemas) as EntityName[];
export type EntityRow<E extends EntityName> = z.infer<(typeof entityRowSchemas)[E]>;

/** What a mutator writes: the row without the columns the server stamps. */
export type NewRow<E extends EntityName> = Omit<EntityRow<E>, 'version' | 'createdAt' | 'updatedAt'>;
