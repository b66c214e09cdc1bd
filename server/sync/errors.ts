import { ApiError } from '../http/api-error';

export const resetRequired = (why: string) =>
  new ApiError(409, 'reset_required', `${why} Start over with a new client id and a full pull; unsent changes are kept.`);
