import { createMemo, type Accessor } from 'solid-js';

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * A live query hands over new row objects on every change (a pull, another tab's edit), and `<For>`
 * keys by identity, so it would rebuild every row: an open dialog in a row would close and a
 * focused button would lose focus. Listing by id keeps each row's DOM while its values update.
 */
export function keyedRows<T extends { id: string }>(rows: Accessor<T[]>): { ids: Accessor<string[]>; row: (id: string) => T | undefined } {
  const ids = createMemo(() => rows().map((r) => r.id), [], { equals: sameIds });
  const byId = createMemo(() => new Map(rows().map((r) => [r.id, r])));
  return { ids, row: (id) => byId().get(id) };
}
