import { z } from 'zod';

/** Every error response: `{error: {code, message, ...details}}`. */
export const apiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
  }),
});

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

/** The code, message and details of an error answer, whatever its body turned out to be. */
export function readApiError(status: number, body: unknown): { code: string; message: string; details: Record<string, unknown> } {
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return { code: 'http_error', message: `The server answered ${status}.`, details: {} };
  const { code, message, ...details } = parsed.data.error;
  return { code, message, details };
}
