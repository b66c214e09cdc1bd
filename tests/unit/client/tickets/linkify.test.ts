import { describe, expect, it } from 'vitest';
import { linkify } from '../../../../client/src/tickets/linkify';

describe('links in comments', () => {
  it('makes web addresses clickable and leaves the rest as text', () => {
    expect(linkify('Manual at https://example.com/pump?id=3, page 4.')).toEqual([
      { text: 'Manual at ' },
      { text: 'https://example.com/pump?id=3', href: 'https://example.com/pump?id=3' },
      { text: ', page 4.' },
    ]);
  });

  it('gives www. addresses https and keeps closing brackets out', () => {
    expect(linkify('(see www.example.org)')).toEqual([{ text: '(see ' }, { text: 'www.example.org', href: 'https://www.example.org' }, { text: ')' }]);
  });

  it('never links another scheme, and leaves markup as plain text', () => {
    expect(linkify('javascript:alert(1) <b>bold</b>')).toEqual([{ text: 'javascript:alert(1) <b>bold</b>' }]);
  });

  it('never makes a link of a bare "www" or scheme left after trailing dots, which would open a page of this app', () => {
    // "www.." used to become <a href="www">, a relative link to /tickets/www.
    expect(linkify('go to www.. or http://.')).toEqual([{ text: 'go to www.. or http://.' }]);
    expect(linkify('www. and https:// alone')).toEqual([{ text: 'www. and https:// alone' }]);
    for (const piece of linkify('see www.. www.a.b, https://x.y/…')) if ('href' in piece) expect(piece.href).toMatch(/^https?:\/\/[^/]/u);
  });

  it('keeps a bracket that belongs to the address, as in Wikipedia links', () => {
    expect(linkify('(see https://en.wikipedia.org/wiki/Pump_(disambiguation))')).toEqual([
      { text: '(see ' },
      { text: 'https://en.wikipedia.org/wiki/Pump_(disambiguation)', href: 'https://en.wikipedia.org/wiki/Pump_(disambiguation)' },
      { text: ')' },
    ]);
  });
});
