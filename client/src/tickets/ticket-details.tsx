import { createSignal, For, Show } from 'solid-js';
import { localDateOf, localTimeOf, shortDayLabel } from '../../../sync/domain/calendar-dates';
import { mayChangeStatus, STATUS_LABELS, statusChangeProblem, statusChoices, type TicketStatus } from '../../../sync/domain/ticket-status';
import { TICKET_PRIORITIES } from '../../../sync/protocol/enums';
import type { AssigneeSuggestion } from '../../../sync/domain/free-technicians';
import { SelectField } from '../components/select-field';
import type { Category } from '../stores/categories-store';
import type { Location } from '../stores/locations-store';
import type { TeamMember } from '../stores/team-store';
import type { Ticket } from '../stores/tickets-store';
import { errorMessage } from '../sync/error-message';
import type { Viewer } from '../calendar/planning-rights';
import { useAssigneeSuggestions } from './free-people';
import { saveTicket, type TicketPatch } from './save-ticket';
import { PRIORITY_LABELS } from './ticket-filters';
import type { Priority } from './ticket-query';

/** "on shift until 17:00" / "next shift Thu 26 Nov, 08:00": in the viewer's zone. */
function suggestionNote(s: AssigneeSuggestion, zone: string, now: Date): string {
  if (s.kind === 'on_shift') return `on shift until ${localTimeOf(s.shift.end, zone)}`;
  const date = localDateOf(s.shift.start, zone);
  const day = date === localDateOf(now, zone) ? 'today' : shortDayLabel(date);
  return `next shift ${day}, ${localTimeOf(s.shift.start, zone)}`;
}

/**
 * Status, priority, category, location and assignee, each saved as soon as it is picked. Status
 * offers only the moves this person may make (the same rule the server applies); assigning
 * suggests who is free at the ticket's location, from the shifts on this device.
 */
export function TicketDetails(props: { ticket: Ticket; viewer: Viewer; team: TeamMember[]; categories: Category[]; locations: Location[] }) {
  const [errors, setErrors] = createSignal<Partial<Record<keyof TicketPatch, string>>>({});
  const suggestions = useAssigneeSuggestions(() => props.ticket.locationId);
  const actor = () => ({ id: props.viewer.id, isAdmin: props.viewer.isAdmin });
  const choices = () => statusChoices(props.ticket, actor());

  const save = async (field: keyof TicketPatch, patch: TicketPatch) => {
    setErrors((e) => ({ ...e, [field]: undefined }));
    try {
      await saveTicket(props.ticket, patch);
    } catch (e) {
      setErrors((all) => ({ ...all, [field]: errorMessage(e, 'This change could not be saved on this device.') }));
    }
  };
  const name = (id: string | null) => props.team.find((u) => u.id === id)?.name;
  const statusNote = () => {
    if (choices().length > 0) return undefined;
    // Allowed to change it but nowhere to go: a closed ticket, which only an admin reopens. The
    // reason comes from the rule itself, so page and server say the same.
    if (mayChangeStatus(props.ticket, actor())) return statusChangeProblem(props.ticket, 'open', actor())?.message;
    return props.ticket.assigneeId ? `Only ${name(props.ticket.assigneeId) ?? 'the assignee'} or an administrator may change the status.` : 'Assign the ticket first: the assignee or an administrator changes the status.';
  };
  const unknown = (id: string | null, list: { id: string }[], label: string) => (id && !list.some((x) => x.id === id) ? [{ value: id, label }] : []);

  return (
    <section class="card stack ticket-details" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <SelectField
        id="ticket-status"
        label="Status"
        value={props.ticket.status}
        disabled={choices().length === 0}
        options={[props.ticket.status, ...choices()].map((s) => ({ value: s, label: s === props.ticket.status ? STATUS_LABELS[s] : `Move to ${STATUS_LABELS[s].toLowerCase()}` }))}
        onChange={(v) => save('status', { status: v as TicketStatus })}
        error={errors().status}
      />
      <Show when={statusNote()}>{(note) => <p class="field__hint ticket-details__note">{note()}</p>}</Show>
      <SelectField
        id="ticket-priority"
        label="Priority"
        value={props.ticket.priority}
        options={TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        onChange={(v) => save('priority', { priority: v as Priority })}
        error={errors().priority}
      />
      <SelectField
        id="ticket-category"
        label="Category"
        value={props.ticket.categoryId ?? ''}
        options={[{ value: '', label: 'Uncategorised' }, ...unknown(props.ticket.categoryId, props.categories, 'Uncategorised (deleted)'), ...props.categories.map((c) => ({ value: c.id, label: c.name }))]}
        onChange={(v) => save('categoryId', { categoryId: v || null })}
        error={errors().categoryId}
      />
      <SelectField
        id="ticket-location"
        label="Location"
        value={props.ticket.locationId ?? ''}
        options={[{ value: '', label: 'No location' }, ...unknown(props.ticket.locationId, props.locations, 'No location (deleted)'), ...props.locations.map((l) => ({ value: l.id, label: l.name }))]}
        onChange={(v) => save('locationId', { locationId: v || null })}
        error={errors().locationId}
      />
      <SelectField
        id="ticket-assignee"
        label="Assignee"
        value={props.ticket.assigneeId ?? ''}
        options={[
          { value: '', label: 'Unassigned' },
          ...unknown(props.ticket.assigneeId, props.team, 'A deleted user'),
          ...props.team.filter((u) => u.active || u.id === props.ticket.assigneeId).map((u) => ({ value: u.id, label: u.id === props.viewer.id ? `${u.name} (me)` : u.name })),
        ]}
        onChange={(v) => save('assigneeId', { assigneeId: v || null })}
        error={errors().assigneeId}
      />
      <Show when={suggestions().some((s) => s.userId !== props.ticket.assigneeId)}>
        <div class="free-people" role="group" aria-labelledby="free-people-title">
          <p id="free-people-title" class="free-people__title">
            Free {props.ticket.locationId ? 'at this location' : 'now or soon'}
          </p>
          <ul class="free-people__list">
            <For each={suggestions().filter((s) => s.userId !== props.ticket.assigneeId).slice(0, 5)}>
              {(s) => (
                <li>
                  <button type="button" class="free-person" onClick={() => save('assigneeId', { assigneeId: s.userId })}>
                    <span class="swatch" style={{ background: props.team.find((u) => u.id === s.userId)?.color }} aria-hidden="true" />
                    <span>
                      <span class="visually-hidden">Assign to </span>
                      <strong>{name(s.userId)}</strong> <span class="muted">{suggestionNote(s, props.viewer.zone, new Date())}</span>
                    </span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </section>
  );
}
