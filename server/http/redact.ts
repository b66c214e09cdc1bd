/**
 * Paths that carry a credential of their own: the personal calendar feed (`/api/calendar/<secret>.ics`)
 * is opened with no session, so whoever reads the request log would hold the feed. Log lines and
 * error reports name such paths with the secret blanked out.
 */
const FEED_PATH = /(\/api\/calendar\/)[^/\s?#]+(\.ics)/g;

export function redactSecrets(text: string): string {
  return text.replace(FEED_PATH, '$1…$2');
}
