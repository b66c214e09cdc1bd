import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error';

/** Reads the JSON body and validates it; malformed JSON or a wrong shape is a 400, never a 500. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    }));
    const first = issues[0];
    const message = first ? `${first.path || 'body'}: ${first.message}` : 'Invalid request body.';
    throw new ApiError(400, 'invalid', message, { issues });
  }
  return parsed.data;
}
