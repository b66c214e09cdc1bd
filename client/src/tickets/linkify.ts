export type TextPiece = { text: string } | { text: string; href: string };

/** Web addresses in plain text; trailing punctuation (a full stop, a closing bracket) is not part of one. */
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/giu;
const TRAILING = /[.,;:!?'")\]}]+$/u;

/**
 * Splits plain text into text and links, for comments: only http(s) addresses become links (never
 * `javascript:` or any other scheme), and the text itself is never interpreted as HTML.
 */
export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const raw = match[0];
    const address = raw.replace(TRAILING, '');
    const start = match.index;
    if (start > last) pieces.push({ text: text.slice(last, start) });
    pieces.push({ text: address, href: address.toLowerCase().startsWith('www.') ? `https://${address}` : address });
    last = start + address.length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}
