/**
 * Changes being written to the device database right now. A reload (the update prompt) waits for
 * them, so a change the user just made is never cut off mid-transaction. Kept apart from the device
 * itself so the prompt, which shows before sign-in too, does not load the database code.
 */
const inFlight = new Set<Promise<unknown>>();

export function trackWrite<T>(write: Promise<T>): Promise<T> {
  inFlight.add(write);
  const done = () => inFlight.delete(write);
  write.then(done, done);
  return write;
}

/** Resolves once every write started so far has finished, whether it succeeded or not. */
export async function writesSettled(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
}
