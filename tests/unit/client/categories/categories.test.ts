import { describe, expect, it } from 'vitest';
import { CATEGORY_PALETTE, colorName } from '../../../../client/src/categories/palette';
import { categoryErrors } from '../../../../client/src/categories/validate';

/** WCAG 2.x contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('category form messages', () => {
  const good = { name: 'Plumbing', color: '#0f766e' };

  it('has nothing to say about a good draft', () => {
    expect(categoryErrors(good)).toEqual({});
    expect(categoryErrors({ ...good, color: '#0F766E' })).toEqual({});
  });

  it('says what is wrong at each field, in sentences', () => {
    expect(categoryErrors({ name: '  ', color: 'teal' })).toEqual({ name: 'Enter a name for the category.', color: 'Pick a colour.' });
    expect(categoryErrors({ ...good, name: 'x'.repeat(101) }).name).toBe('The name can be at most 100 characters.');
    expect(categoryErrors({ ...good, color: '#0f766' }).color).toBe('Pick a colour.');
  });

  it('refuses a name another category has, whatever its case or spacing', () => {
    const others = [{ name: 'Plumbing' }, { name: 'Electrical' }];
    expect(categoryErrors({ ...good, name: ' plumbing ' }, others).name).toBe('There is already a category called plumbing.');
    expect(categoryErrors({ ...good, name: 'Plumbing 2' }, others)).toEqual({});
  });
});

describe('the category palette', () => {
  it('offers distinct colours that white text reads on at 4.5:1 or more', () => {
    expect(new Set(CATEGORY_PALETTE.map((c) => c.color)).size).toBe(CATEGORY_PALETTE.length);
    expect(new Set(CATEGORY_PALETTE.map((c) => c.name)).size).toBe(CATEGORY_PALETTE.length);
    for (const { name, color } of CATEGORY_PALETTE) expect(contrast(color, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
  });

  it('names palette colours, and gives the code of any other', () => {
    expect(colorName('#0F766E')).toBe('Teal');
    expect(colorName('#123456')).toBe('Custom colour #123456');
  });
});
