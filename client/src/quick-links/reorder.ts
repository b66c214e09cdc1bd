/**
 * Moving one link up or down: the new order, and the position each link must get so that order
 * holds. Only links whose position changes are returned, so a move sends as few changes as it can;
 * positions count 0, 1, 2… in the new order, which also mends ties left by two admins offline.
 */
export function moveTo<T extends { id: string; position: number }>(ordered: T[], id: string, offset: -1 | 1): { id: string; position: number; row: T }[] {
  const from = ordered.findIndex((l) => l.id === id);
  const to = from + offset;
  if (from < 0 || to < 0 || to >= ordered.length) return [];
  const next = [...ordered];
  const [moved] = next.splice(from, 1);
  if (!moved) return [];
  next.splice(to, 0, moved);
  return next.flatMap((row, position) => (row.position === position ? [] : [{ id: row.id, position, row }]));
}

/** Where a new link goes: after the last one. */
export const nextPosition = (links: { position: number }[]) => links.reduce((max, l) => Math.max(max, l.position + 1), 0);
