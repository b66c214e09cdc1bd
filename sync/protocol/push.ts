import { z } from 'zod';
import { MUTATION_NAMES } from './mutations';

/** Largest push body the server reads, and most mutations in one push (documented in sync.md). */
export const PUSH_BODY_LIMIT = 2 * 1024 * 1024;
export const PUSH_MAX_MUTATIONS = 500;

/**
 * A queued mutation on the wire. `args` is validated per mutation by the server (a mutation with bad
 * args is rejected `invalid` on its own, so one bad entry never blocks the queue behind it); the
 * envelope is validated as a whole (a bad envelope is a 400 and nothing is applied).
 */
export const wireMutationSchema = z.strictObject({
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  name: z.enum(MUTATION_NAMES, { error: (issue) => `unknown mutation ${JSON.stringify(issue.input)}` }),
  args: z.unknown(),
  at: z.iso.datetime({ offset: true }),
});

export const pushRequestSchema = z
  .strictObject({
    clientId: z.uuid(),
    mutations: z.array(wireMutationSchema).min(1).max(PUSH_MAX_MUTATIONS),
  })
  .refine((p) => p.mutations.every((m, i) => i === 0 || m.id === (p.mutations[i - 1]?.id ?? 0) + 1), {
    message: 'mutation ids must be consecutive and increasing',
    path: ['mutations'],
  });

export const REJECTION_CODES = ['invalid', 'forbidden', 'not_found', 'overlap', 'time_off', 'invalid_transition'] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export const conflictSchema = z.object({ field: z.string(), yours: z.unknown(), theirs: z.unknown() });

export const mutationResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.number().int(), status: z.literal('applied') }),
  z.object({ id: z.number().int(), status: z.literal('merged'), conflicts: z.array(conflictSchema) }),
  z.object({
    id: z.number().int(),
    status: z.literal('rejected'),
    error: z.looseObject({ code: z.enum(REJECTION_CODES), message: z.string() }),
  }),
]);

export const pushResponseSchema = z.object({
  lastMutationId: z.number().int(),
  results: z.array(mutationResultSchema),
});

export type WireMutation = z.infer<typeof wireMutationSchema>;
export type PushRequest = z.infer<typeof pushRequestSchema>;
export type PushResponse = z.infer<typeof pushResponseSchema>;
export type MutationResult = z.infer<typeof mutationResultSchema>;
export type Conflict = z.infer<typeof conflictSchema>;
