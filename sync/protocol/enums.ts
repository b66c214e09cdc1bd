/**
 * The closed sets of values the app knows. The database schema, the zod schemas and the UI all take
 * them from here, so adding a value is one edit.
 */
export const ROLES = ['admin', 'technician'] as const;
export const THEMES = ['light', 'dark', 'system'] as const;
export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const TICKET_STATUSES = ['open', 'in_progress', 'pending', 'resolved', 'closed'] as const;
export const TIME_OFF_KINDS = ['vacation', 'sick', 'other'] as const;
export const TIME_OFF_STATUSES = ['requested', 'approved', 'denied'] as const;
/**
 * The kinds of notification mail, each turned on or off per user (the mailSettings entity). A new
 * kind is a new column there too: see server/mail/domain/triggers.ts for what sends each.
 */
export const MAIL_KINDS = ['ticketAssigned', 'ticketStatus', 'ticketComment', 'schedule', 'timeOff'] as const;
/** An outbox mail's state as the admin sees it (api.md, "Mail (admin)"). */
export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;

export type Role = (typeof ROLES)[number];
export type Theme = (typeof THEMES)[number];
export type MailKind = (typeof MAIL_KINDS)[number];
export type MailStatus = (typeof MAIL_STATUSES)[number];
