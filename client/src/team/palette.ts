/** Colours that tell people apart on the board and keep white initials readable. */
export const PERSON_COLORS = ['#2563eb', '#0f766e', '#b45309', '#7c3aed', '#be123c', '#15803d', '#c2410c', '#4338ca', '#0e7490', '#a21caf'] as const;

/** A colour for the next person: the first one nobody has yet, else by how many there are. */
export function nextPersonColor(taken: readonly string[]): string {
  const used = new Set(taken.map((c) => c.toLowerCase()));
  return PERSON_COLORS.find((c) => !used.has(c)) ?? PERSON_COLORS[taken.length % PERSON_COLORS.length] ?? PERSON_COLORS[0];
}
