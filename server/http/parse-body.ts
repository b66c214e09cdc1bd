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
  return validate(schema, body, 'body');
}

/** Validates the query string the same way. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validate(schema, c.req.query(), 'query');
}

/** `400 invalid`, naming the first bad field and listing every issue. */
function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0];
  const message = first ? `${first.path || what}: ${first.message}` : `Invalid request ${what}.`;
  throw new ApiError(400, 'invalid', message, { issues });
}
