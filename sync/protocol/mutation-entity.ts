import type { MutationName } from './mutations';

/**
 * The entity a mutation writes: the part of its name before the dot (`timeOff.update` → `timeOff`).
 * A file of its own, without zod: pages mark rows "not synced yet" with it on their first paint.
 */
export function entityOfMutation(name: MutationName): string {
  return name.slice(0, name.indexOf('.'));
}
