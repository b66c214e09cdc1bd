import { z } from 'zod';

/**
 * The pull cursor, opaque to devices: the epoch it belongs to, the last (xid, seq) handed out, and
 * when it was issued (a cursor older than the tombstone retention must start over).
 */
const XID8_MAX = 2n ** 64n - 1n;

const cursorSchema = z.object({
  e: z.string(),
  // An xid8: PGlite refuses a larger one with an error (a 500), Postgres reads it as the largest.
  x: z.string().regex(/^\d{1,20}$/).refine((x) => BigInt(x) <= XID8_MAX),
  s: z.number().int().nonnegative(),
  t: z.number().int(),
  /**
   * Present while a first sync is reading the current rows (first-sync.ts): the tier and the last
   * id handed out in it, when the first sync began (fixes the tiers' time window), and the horizon
   * it began at, from which it continues incrementally once the last tier is done.
   */
  f: z
    .object({
      k: z.number().int().nonnegative(),
      i: z.union([z.uuid(), z.literal('')]),
      a: z.number().int(),
      h: z.string().regex(/^\d{1,20}$/).refine((x) => BigInt(x) <= XID8_MAX),
    })
    .optional(),
});

export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Null when the text is not a cursor this server made. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
