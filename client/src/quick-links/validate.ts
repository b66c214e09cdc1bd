import { LIMITS } from '../../../sync/protocol/mutations';

export interface QuickLinkDraft {
  title: string;
  url: string;
}

export type QuickLinkErrors = Partial<Record<keyof QuickLinkDraft, string>>;

/**
 * What is wrong with a quick link draft, as sentences for the fields. The mutation's schema checks
 * the same on the device and the server (http and https only, so a link can never run script).
 */
export function quickLinkErrors(d: QuickLinkDraft): QuickLinkErrors {
  const errors: QuickLinkErrors = {};
  const title = d.title.trim();
  if (!title) errors.title = 'Enter the words people click.';
  else if (title.length > LIMITS.name) errors.title = `The title can be at most ${LIMITS.name} characters.`;
  const url = d.url.trim();
  if (!url) errors.url = 'Enter the address the link opens, such as https://example.com.';
  else if (url.length > LIMITS.url) errors.url = `The address can be at most ${LIMITS.url.toLocaleString('en')} characters.`;
  else if (!isHttpUrl(url)) errors.url = 'Enter a full web address starting with https:// or http://.';
  return errors;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}
