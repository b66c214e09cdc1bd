/**
 * Whether a parsed JSON value nests arrays and objects deeper than `limit` levels. Walked with an
 * explicit stack: the point is to refuse a document built to overflow the call stack of the
 * recursive code that would otherwise meet it first (zod, JSON.stringify on insert).
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
