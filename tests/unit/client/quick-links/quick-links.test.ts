import { describe, expect, it } from 'vitest';
import { moveTo, nextPosition } from '../../../../client/src/quick-links/reorder';
import { quickLinkErrors } from '../../../../client/src/quick-links/validate';

const links = (...positions: number[]) => positions.map((position, i) => ({ id: `l${i}`, position }));

describe('reordering quick links', () => {
  it('moving one up swaps it with the one above, sending only the two positions that change', () => {
    expect(moveTo(links(0, 1, 2), 'l2', -1).map(({ id, position }) => ({ id, position }))).toEqual([
      { id: 'l2', position: 1 },
      { id: 'l1', position: 2 },
    ]);
  });

  it('cannot move the first up or the last down', () => {
    expect(moveTo(links(0, 1), 'l0', -1)).toEqual([]);
    expect(moveTo(links(0, 1), 'l1', 1)).toEqual([]);
    expect(moveTo(links(0, 1), 'nope', 1)).toEqual([]);
  });

  it('mends ties and gaps left by edits made apart, numbering 0, 1, 2 in the new order', () => {
    expect(moveTo(links(5, 5, 9), 'l0', 1).map(({ id, position }) => ({ id, position }))).toEqual([
      { id: 'l1', position: 0 },
      { id: 'l0', position: 1 },
      { id: 'l2', position: 2 },
    ]);
  });

  it('puts a new link after the last', () => {
    expect(nextPosition([])).toBe(0);
    expect(nextPosition(links(0, 7, 3))).toBe(8);
  });
});

describe('quick link form messages', () => {
  it('has nothing to say about a good link', () => {
    expect(quickLinkErrors({ title: 'Parts shop', url: 'https://parts.example.com/' })).toEqual({});
  });

  it('wants a title and a full http(s) address', () => {
    expect(quickLinkErrors({ title: ' ', url: '' })).toEqual({
      title: 'Enter the words people click.',
      url: 'Enter the address the link opens, such as https://example.com.',
    });
    for (const url of ['javascript:alert(1)', 'parts.example.com', 'ftp://files.example.com', 'https://']) {
      expect(quickLinkErrors({ title: 'x', url }).url, url).toBe('Enter a full web address starting with https:// or http://.');
    }
    expect(quickLinkErrors({ title: 'x'.repeat(101), url: 'https://a.example' }).title).toBe('The title can be at most 100 characters.');
  });
});
