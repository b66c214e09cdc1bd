import { z } from 'zod';

/** Server-Sent Events on /api/sync/events: `poke` means "pull now"; `presence` lists who is online. */
export const pokeEventSchema = z.object({});
export const presenceEventSchema = z.object({ online: z.array(z.uuid()) });

export type PresenceEvent = z.infer<typeof presenceEventSchema>;
