import { z } from 'zod';
import { ENTITY_NAMES } from './entities';

export const PULL_DEFAULT_LIMIT = 1000;
export const PULL_MAX_LIMIT = 5000;

export const pullQuerySchema = z.strictObject({
  clientId: z.uuid(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(PULL_MAX_LIMIT).default(PULL_DEFAULT_LIMIT),
});

const entity = z.enum(ENTITY_NAMES);

export const changeSchema = z.discriminatedUnion('op', [
  z.object({ entity, id: z.uuid(), op: z.literal('put'), version: z.string(), row: z.record(z.string(), z.unknown()) }),
  z.object({ entity, id: z.uuid(), op: z.literal('del'), version: z.string() }),
]);

export const pullResponseSchema = z.object({
  cursor: z.string(),
  lastMutationId: z.number().int(),
  hasMore: z.boolean(),
  changes: z.array(changeSchema),
});

export type PullQuery = z.infer<typeof pullQuerySchema>;
export type Change = z.infer<typeof changeSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;
