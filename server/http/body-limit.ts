import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './api-error';

/** A body-size cap answered with `413 payload_too_large` in the JSON error shape. */
export function jsonBodyLimit(maxSize: number, message = `Request bodies here are limited to ${maxSize} bytes.`) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', message, { limit: maxSize });
    },
  });
}
