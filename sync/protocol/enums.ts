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

export type Role = (typeof ROLES)[number];
export type Theme = (typeof THEMES)[number];
