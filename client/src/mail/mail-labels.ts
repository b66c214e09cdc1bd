import type { MailKind, MailStatus } from '../../../sync/protocol/enums';

/** Words for an outbox mail's kind (a mixed batch of ticket changes is `ticketActivity`). */
export const MAIL_KIND_LABELS: Record<MailKind | 'ticketActivity', string> = {
  ticketAssigned: 'Ticket assigned',
  ticketStatus: 'Ticket status',
  ticketComment: 'Comment',
  schedule: 'Shift',
  timeOff: 'Time off',
  ticketActivity: 'Ticket updates',
};

export const kindLabel = (kind: string): string => MAIL_KIND_LABELS[kind as MailKind] ?? kind;

export const MAIL_STATUS_LABELS: Record<MailStatus, string> = { queued: 'Queued', sent: 'Sent', failed: 'Failed' };
