import type { MutationName } from '../../../sync/protocol/mutations';
import type { RejectionCode } from '../../../sync/protocol/push';

/**
 * What each change is called where people see it (Needs attention, the sync status). Typed over the
 * mutation names, so a new mutation without a label does not compile.
 */
export const MUTATION_LABELS: Record<MutationName, string> = {
  'schedule.create': 'New shift',
  'schedule.update': 'Shift change',
  'schedule.delete': 'Shift removal',
  'timeOff.create': 'Time off request',
  'timeOff.update': 'Time off change',
  'timeOff.delete': 'Time off withdrawal',
  'ticket.create': 'New ticket',
  'ticket.update': 'Ticket change',
  'ticket.archive': 'Ticket archived',
  'ticket.unarchive': 'Ticket restored',
  'comment.create': 'Comment',
  'location.create': 'New location',
  'location.update': 'Location change',
  'location.delete': 'Location removal',
  'category.create': 'New category',
  'category.update': 'Category change',
  'category.delete': 'Category removal',
  'quickLink.create': 'New quick link',
  'quickLink.update': 'Quick link change',
  'quickLink.delete': 'Quick link removal',
  'profile.update': 'Profile change',
  'mailSettings.update': 'Email settings change',
};

/**
 * Why a change was refused, in words, ahead of the server's own sentence. `too_large` is the
 * device's own refusal (a change no push can carry; docs/decisions/008).
 */
export const REFUSAL_REASONS: Record<RejectionCode | 'too_large', string> = {
  invalid: 'Something in it is not valid.',
  forbidden: 'You are not allowed to make this change.',
  not_found: 'What it changes no longer exists.',
  overlap: 'It clashes with another shift.',
  time_off: 'It clashes with approved time off.',
  invalid_transition: 'That status change is not possible from where the ticket is now.',
  too_large: 'It is too large to send.',
};

export function refusalReason(code: string): string {
  return code in REFUSAL_REASONS ? REFUSAL_REASONS[code as keyof typeof REFUSAL_REASONS] : 'The server refused it.';
}
