import { Show } from 'solid-js';
import { ReferenceList, type ReferenceListEvents } from '../components/reference-list';
import type { Location } from '../stores/locations-store';
import { device } from '../sync/device';
import { utcOffset } from './time-zones';
import './locations.css';

/**
 * Every location with Edit and Delete. Deleting says what happens to the shifts and tickets there:
 * they stay, with no location (the database sets their location to none).
 */
export function LocationList(props: ReferenceListEvents<Location> & { rows: Location[] }) {
  return (
    <ReferenceList<Location>
      {...props}
      entity="location"
      noun="location"
      empty="No locations yet. Add the first one with the form."
      remove={(location) => device.mutate('location.delete', { id: location.id, baseVersion: location.version })}
      afterDelete={(location) => <p>Shifts and tickets at {location.name} stay where they are; they will show “no location”.</p>}
      details={(location) => (
        <>
          <p class="reference-item__name">{location.name}</p>
          <Show when={location.address}>
            <p class="location-item__address">{location.address}</p>
          </Show>
          <p class="muted">
            {location.timezone.replaceAll('_', ' ')} <span class="location-item__offset">({utcOffset(location.timezone)})</span>
          </p>
        </>
      )}
    />
  );
}
