import { MutationRejected } from '../../../sync/mutators/rejection';
import { ApiRequestError } from '../api/http';

/** The message to show for a failed action: the reason the app or the server gave, or `fallback`. */
export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof MutationRejected || error instanceof ApiRequestError ? error.message : fallback;
}

/** The field a refused change names (`details.field`), so its message can sit next to that field. */
export function rejectedField(error: unknown): string | undefined {
  if (!(error instanceof MutationRejected)) return undefined;
  const field = error.details.field;
  return typeof field === 'string' ? field : undefined;
}
