import { z } from 'zod';
import { mailEventSchema, type MailEvent } from './mail-event';
import { MAX_LISTED_EVENTS } from './render';

/*
 * A batch's mail from the outbox rows its events were written in. A push writes one row per event
 * and recipient and never touches an existing row (so concurrent pushes about one ticket do not
 * contend for one batch row); the worker folds a batch's rows into one mail when the first of them
 * falls due. The mail is the one an ever-growing batch row used to end up as: the events in the
 * order they were written, written for the recipient as the newest row saw them.
 */

/** What a mail is written with besides its events, as it was when the row was written. */
export const renderContextSchema = z.object({ name: z.string(), timezone: z.string(), appUrl: z.string() });
export type RenderContext = z.infer<typeof renderContextSchema>;

export interface BatchPart {
  events: unknown;
  renderContext: unknown;
}

/**
 * Past the changes a mail lists, an event is only counted: its comment text is not kept, so a batch
 * of hundreds of comments stays a row (and a mail) of bounded size.
 */
export const countedOnly = (event: MailEvent, index: number): MailEvent => (index >= MAX_LISTED_EVENTS && event.type === 'ticketComment' ? { ...event, body: '' } : event);

/**
 * The events of `parts` (oldest first), each exactly once and in order, and the context to write
 * them with: the newest part's that has one (rows written before folding existed have none). Null
 * when no part has a context, which only a lone row from before folding can be, or when a row's
 * events are not what a push writes: then each row goes as the mail it already is, rather than
 * stopping delivery for everyone at the same row every round.
 */
export function foldBatch(parts: readonly BatchPart[]): { events: MailEvent[]; context: RenderContext } | null {
  const lists = parts.map((p) => mailEventSchema.array().safeParse(p.events));
  if (!lists.every((l) => l.success)) return null;
  const events = lists.flatMap((l) => l.data).map(countedOnly);
  const context = parts
    .map((p) => renderContextSchema.safeParse(p.renderContext))
    .findLast((r) => r.success)?.data;
  return context ? { events, context } : null;
}
