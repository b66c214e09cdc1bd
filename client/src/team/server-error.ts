import { ApiRequestError } from '../api/http';
import { errorMessage } from '../sync/error-message';

/**
 * Where an answer from the users API belongs: next to the field it is about (a taken email, a bad
 * value the server named, a zone change that would move approved time off over shifts), or, for
 * anything else, under the form. A lost connection says so in plain words.
 */
export function serverFieldError<F extends string>(error: unknown, fields: readonly F[], fallback: string): { field: F | undefined; message: string } {
  const message = errorMessage(error, fallback);
  if (!(error instanceof ApiRequestError)) return { field: undefined, message };
  const named = (field: string | undefined) => fields.find((f) => f === field);
  if (error.code === 'email_taken') return { field: named('email'), message: 'Another person already has this email address.' };
  if (error.code === 'time_off' || error.code === 'overlap') return { field: named('timezone'), message };
  if (error.code === 'own_access') return { field: named('role'), message };
  if (error.code === 'invalid') {
    const issues = error.details.issues;
    const first = Array.isArray(issues) ? (issues[0] as { path?: unknown; message?: unknown } | undefined) : undefined;
    const field = named(typeof first?.path === 'string' ? first.path : undefined);
    if (field) return { field, message: `This ${typeof first?.message === 'string' ? first.message : 'is not valid'}.` };
  }
  return { field: undefined, message };
}
