import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { LocationForm } from '../locations/location-form';
import { LocationList } from '../locations/location-list';
import { useLocations, type Location } from '../stores/locations-store';
import '../locations/locations.css';

/** Admin: the places where shifts happen and tickets are (name, address, time zone). */
export function LocationsPage() {
  const locations = useLocations();
  // A snapshot taken when Edit is pressed: the form keeps its own values while the list updates.
  const [editing, setEditing] = createSignal<Location>();
  const [done, setDone] = createSignal<string>();
  let listHeading: HTMLHeadingElement | undefined;

  const focusEditButton = (id: string) =>
    queueMicrotask(() => (document.querySelector<HTMLElement>(`[data-edit="${id}"]`) ?? listHeading)?.focus());

  return (
    <>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <A href="/admin" end>
          Admin
        </A>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">Locations</span>
      </nav>
      <h1 class="page-title">Locations</h1>
      <div class="locations-layout">
        <Show
          when={editing()}
          keyed
          fallback={<LocationForm onDone={(message) => setDone(message)} />}
        >
          {(location) => (
            <LocationForm
              location={location}
              onDone={(message, id) => {
                setDone(message);
                setEditing(undefined);
                focusEditButton(id);
              }}
              onCancel={() => {
                setEditing(undefined);
                focusEditButton(location.id);
              }}
            />
          )}
        </Show>
        <section class="card stack" aria-labelledby="location-list-title">
          <h2 id="location-list-title" ref={(el) => (listHeading = el)} tabindex="-1">
            All locations
          </h2>
          <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
            {done()}
          </p>
          <LocationList
            locations={locations()}
            editingId={editing()?.id}
            onEdit={(location) => {
              setDone(undefined);
              setEditing(location);
            }}
            onDeleted={(message, id) => {
              setDone(message);
              if (editing()?.id === id) setEditing(undefined);
            }}
            fallbackFocus={() => listHeading}
          />
        </section>
      </div>
    </>
  );
}
