import { ApiError } from '../http/api-error';

/**
 * `details.lastMutationId`, when the server still has this client's record (a restore brings the
 * record back as the backup had it): the mutations up to it are in the data, and a device whose
 * push answer was lost must not send them again under its new client id.
 */
export const resetRequired = (why: string, details: { lastMutationId?: number } = {}) =>
  new ApiError(409, 'reset_required', `${why} Start over with a new client id and a full pull; unsent changes are kept.`, details);
