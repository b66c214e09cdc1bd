/**
 * True for IANA zone names such as `Europe/Berlin` or `UTC`. Intl alone also accepts offsets such
 * as `+01:00` on newer engines, which would silently drop DST rules, so the shape is checked too.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
