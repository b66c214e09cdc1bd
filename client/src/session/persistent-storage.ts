/**
 * Asks the browser not to evict this site's storage under pressure: a technician's queue of
 * unsent changes lives in IndexedDB, and "best effort" storage can be cleared without a word.
 * Asked after a sign-in (the first moment there is something worth keeping, and a user gesture
 * just happened, which some browsers want). Browsers that grant or refuse silently are fine either
 * way; nothing depends on the answer.
 */
export async function askForPersistentStorage(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
