import './placeholder.css';

/**
 * A line of text still being read from the device: a pale bar in the line box of the paragraph
 * that replaces it (same font, same height), so the page does not move when the words arrive.
 * Hidden from screen readers; the region around it says it is busy (`aria-busy`).
 */
export function PlaceholderLine(props: { width?: string }) {
  return (
    <p class="placeholder-line" aria-hidden="true" data-placeholder="">
      <span style={{ width: props.width ?? '60%' }}>{'\u00a0'}</span>
    </p>
  );
}
