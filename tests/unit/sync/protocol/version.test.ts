import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { entityRowSchemas } from '../../../../sync/protocol/entities';
import { presenceEventSchema } from '../../../../sync/protocol/events';
import { mutationArgsSchemas } from '../../../../sync/protocol/mutations';
import { pullQuerySchema, pullResponseSchema } from '../../../../sync/protocol/pull';
import { pushRequestSchema, pushResponseSchema } from '../../../../sync/protocol/push';
import { PROTOCOL_VERSION } from '../../../../sync/protocol/version';

/** Everything devices and servers exchange, as JSON Schema: a change here changes the wire. */
function protocolSchemaHash(): string {
  const schemas: Record<string, z.ZodType> = {
    pushRequest: pushRequestSchema,
    pushResponse: pushResponseSchema,
    pullQuery: pullQuerySchema,
    pullResponse: pullResponseSchema,
    presence: presenceEventSchema,
    ...Object.fromEntries(Object.entries(mutationArgsSchemas).map(([k, v]) => [`mutation:${k}`, v])),
    ...Object.fromEntries(Object.entries(entityRowSchemas).map(([k, v]) => [`row:${k}`, v])),
  };
  const json = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })]),
  );
  return createHash('sha256').update(JSON.stringify(json)).digest('hex');
}

describe('the sync protocol version', () => {
  it('is pinned to the schemas: changing them is a deliberate act', () => {
    // When this fails you changed the wire format. If old devices can no longer talk to this server
    // (or the other way round), bump PROTOCOL_VERSION. Then update both values below.
    // Version 1 additions that old devices do not notice: schedule.create's optional seriesId and the
    // schedule row's seriesId (2026-11-25); the comment row's `at`, its time of action (2026-11-26).
    // Version 2 (2026-11-26): the mailSettings entity and its mailSettings.update mutation. A version 1
    // device would be handed its owner's mailSettings row by a pull and has no table for it.
    expect({ version: PROTOCOL_VERSION, hash: protocolSchemaHash() }).toEqual({ version: 2, hash: '92f30bb752a03fe3e0fd73a952ecc29f09a8a795bf3374e3a51933b18d8cfeeb' });
  });
});
