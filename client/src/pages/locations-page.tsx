import { Show } from 'solid-js';
import { AdminListPage } from '../components/admin-list-page';
import { DoneStatus } from '../components/done-status';
import { createEditInPlace } from '../components/edit-in-place';
import { LocationForm } from '../locations/location-form';
import { LocationList } from '../locations/location-list';
import { useLocations, type Location } from '../stores/locations-store';
import '../locations/locations.css';

/** Admin: the places where shifts happen and tickets are (name, address, time zone). */
export function LocationsPage() {
  const locations = useLocations();
  const list = createEditInPlace<Location>();

  return (
    <AdminListPage title="Locations">
      <Show when={list.editing()} keyed fallback={<LocationForm onDone={list.announce} />}>
        {(location) => <LocationForm location={location} onDone={list.saved} onCancel={() => list.cancel(location.id)} />}
      </Show>
      <section class="card stack" aria-labelledby="location-list-title">
        <h2 id="location-list-title" ref={list.listHeadingRef} tabindex="-1">
          All locations
        </h2>
        <DoneStatus message={list.done()} />
        <LocationList locations={locations()} editingId={list.editing()?.id} onEdit={list.edit} onDeleted={list.deleted} fallbackFocus={list.listHeading} />
      </section>
    </AdminListPage>
  );
}
