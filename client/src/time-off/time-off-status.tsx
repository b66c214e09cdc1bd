import type { TimeOff } from '../stores/time-off-store';

const LOOK: Record<TimeOff['status'], { label: string; icon: string }> = {
  // A clock: still waiting. A tick: granted. A cross: refused. The shape and the word carry the
  // meaning, the colour only repeats it.
  requested: { label: 'Requested', icon: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2' },
  approved: { label: 'Approved', icon: 'M5 12.5l4.5 4.5L19 7.5' },
  denied: { label: 'Denied', icon: 'M6 6l12 12M18 6L6 18' },
};

/** The state of a time-off entry, as a word with an icon and a distinct outline. */
export function TimeOffStatus(props: { status: TimeOff['status'] }) {
  return (
    <span class={`timeoff-status timeoff-status--${props.status}`}>
      <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">
        <path d={LOOK[props.status].icon} />
      </svg>
      {LOOK[props.status].label}
    </span>
  );
}
