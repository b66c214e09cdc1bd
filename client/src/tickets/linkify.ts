export type TextPiece = { text: string } | { text: string; href: string };

/** Web addresses in plain text; trailing punctuation (a full stop, a closing bracket) is not part of one. */
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const TRAILING = new Set([...'.,;:!?\'")]}…']);
/** Something must follow the scheme or "www.": "www" alone would make a relative link into this app. */
const COMPLETE = /^(?:https?:\/\/|www\.)[^\s<>".,;:!?'")\]}…/]/iu;

const count = (s: string, ch: string) => s.split(ch).length - 1;

/** Drops trailing punctuation, but keeps a closing bracket that closes one opened in the address. */
function withoutTrailing(raw: string): string {
  let address = raw;
  for (let last = address.at(-1); last !== undefined && TRAILING.has(last); last = address.at(-1)) {
    if (last === ')' && count(address, '(') >= count(address, ')')) break;
    address = address.slice(0, -1);
  }
  return address;
}

/**
 * Splits plain text into text and links, for comments: only http(s) addresses become links (never
 * `javascript:` or any other scheme), and the text itself is never interpreted as HTML.
 */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const address = withoutTrailing(match[0]);
    if (!COMPLETE.test(address)) continue;
    const start = match.index;
    if (start > last) pieces.push({ text: text.slice(last, start) });
    pieces.push({ text: address, href: address.toLowerCase().startsWith('www.') ? `https://${address}` : address });
    last = start + address.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
