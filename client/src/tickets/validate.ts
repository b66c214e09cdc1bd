import { LIMITS } from '../../../sync/protocol/mutations';

/*
 * What the ticket forms say about their fields, as sentences a person can act on. The same limits
 * the server enforces (sync/protocol/mutations.ts), so nothing the form accepts is refused later.
 */

export function titleProblem(title: string): string | undefined {
  const trimmed = title.trim();
  if (!trimmed) return 'Give the ticket a title.';
  if (trimmed.length > LIMITS.title) return `Keep the title to ${LIMITS.title} characters or fewer (it has ${trimmed.length}).`;
  return undefined;
}

export function descriptionProblem(description: string): string | undefined {
  const length = description.trim().length;
  return length > LIMITS.description ? `Keep the description to ${LIMITS.description.toLocaleString('en')} characters or fewer (it has ${length.toLocaleString('en')}).` : undefined;
}

export function commentProblem(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return 'Write something before sending the comment.';
  if (trimmed.length > LIMITS.comment) return `Keep the comment to ${LIMITS.comment.toLocaleString('en')} characters or fewer (it has ${trimmed.length.toLocaleString('en')}).`;
  return undefined;
}
