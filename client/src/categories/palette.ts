import { DEFAULT_CATEGORY_COLOR } from '../../../sync/protocol/fields';

/**
 * The colours offered for categories, by name for people who cannot tell them apart by sight. Each
 * is dark enough for white text on it (4.5:1 or more, tested), so a category chip stays readable;
 * any other colour can still be picked with the browser's own colour input.
 */
export const CATEGORY_PALETTE: readonly { name: string; color: string }[] = [
  { name: 'Grey', color: DEFAULT_CATEGORY_COLOR },
  { name: 'Red', color: '#b91c1c' },
  { name: 'Orange', color: '#c2410c' },
  { name: 'Ochre', color: '#a16207' },
  { name: 'Green', color: '#15803d' },
  { name: 'Teal', color: '#0f766e' },
  { name: 'Blue', color: '#1d4ed8' },
  { name: 'Violet', color: '#6d28d9' },
  { name: 'Pink', color: '#be185d' },
];

/** How to say a colour: its palette name, or its code when it was picked freely. */
export function colorName(color: string): string {
  const lower = color.toLowerCase();
  return CATEGORY_PALETTE.find((c) => c.color === lower)?.name ?? `Custom colour ${lower}`;
}
