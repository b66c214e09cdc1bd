import { For } from 'solid-js';
import { STATUS_LABELS, type TicketStatus } from '../../../sync/domain/ticket-status';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../sync/protocol/enums';
import { SelectField, type SelectOption } from '../components/select-field';
import type { Category } from '../stores/categories-store';
import type { Location } from '../stores/locations-store';
import type { TeamMember } from '../stores/team-store';
import { NONE, type ArchiveView, type Priority, type TicketQuery, type TicketSort } from './ticket-query';

export const PRIORITY_LABELS: Record<Priority, string> = { low: 'Low', medium: 'Medium', high: 'High', urgent: 'Urgent' };
const SORT_OPTIONS: SelectOption[] = [
  { value: 'priority', label: 'Priority' },
  { value: 'updated', label: 'Last update' },
  { value: 'age', label: 'Oldest first' },
];
const ARCHIVE_OPTIONS: SelectOption[] = [
  { value: 'hide', label: 'Hide archived' },
  { value: 'include', label: 'Include archived' },
  { value: 'only', label: 'Only archived' },
];

const any = (label: string): SelectOption => ({ value: '', label });

/** The status chips: each toggles its status in the filter and says how many tickets it holds. */
export function StatusChips(props: { query: TicketQuery; counts: Record<TicketStatus, number>; onToggle: (s: TicketStatus) => void }) {
  return (
    <div class="status-chips" role="group" aria-label="Filter by status">
      <For each={TICKET_STATUSES}>
        {(s) => (
          <button type="button" class={`status-chip status-chip--${s}`} aria-pressed={props.query.statuses.includes(s)} onClick={() => props.onToggle(s)}>
            {STATUS_LABELS[s]} <span class="status-chip__count">{props.counts[s]}</span>
          </button>
        )}
      </For>
    </div>
  );
}

/** Priority, category, location, assignee, sort and archive view; "mine" is a checkbox. */
export function TicketFilters(props: {
  query: TicketQuery;
  team: TeamMember[];
  categories: Category[];
  locations: Location[];
  onChange: (patch: Partial<TicketQuery>) => void;
}) {
  const orNull = (v: string) => v || null;
  return (
    <div class="ticket-filters">
      <SelectField
        label="Priority"
        value={props.query.priority ?? ''}
        options={[any('Any priority'), ...TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))]}
        onChange={(v) => props.onChange({ priority: (orNull(v) as Priority | null) })}
      />
      <SelectField
        label="Category"
        value={props.query.categoryId ?? ''}
        options={[any('Any category'), { value: NONE, label: 'Uncategorised' }, ...props.categories.map((c) => ({ value: c.id, label: c.name }))]}
        onChange={(v) => props.onChange({ categoryId: orNull(v) })}
      />
      <SelectField
        label="Location"
        value={props.query.locationId ?? ''}
        options={[any('Any location'), { value: NONE, label: 'No location' }, ...props.locations.map((l) => ({ value: l.id, label: l.name }))]}
        onChange={(v) => props.onChange({ locationId: orNull(v) })}
      />
      <SelectField
        label="Assignee"
        value={props.query.assigneeId ?? ''}
        options={[any('Anyone'), { value: NONE, label: 'Unassigned' }, ...props.team.map((u) => ({ value: u.id, label: u.active ? u.name : `${u.name} (inactive)` }))]}
        onChange={(v) => props.onChange({ assigneeId: orNull(v) })}
      />
      <SelectField label="Sort by" value={props.query.sort} options={SORT_OPTIONS} onChange={(v) => props.onChange({ sort: v as TicketSort })} />
      <SelectField label="Archive" value={props.query.archived} options={ARCHIVE_OPTIONS} onChange={(v) => props.onChange({ archived: v as ArchiveView })} />
      <label class="ticket-filters__mine">
        <input type="checkbox" checked={props.query.mine} onChange={(e) => props.onChange({ mine: e.currentTarget.checked })} />
        Only tickets assigned to me
      </label>
    </div>
  );
}
