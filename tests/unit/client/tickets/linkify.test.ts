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
});
