import { ReferenceAdmin } from '../components/reference-admin';
import { LocationForm } from '../locations/location-form';
import { LocationList } from '../locations/location-list';
import { useLocations, type Location } from '../stores/locations-store';

/** Admin: the places where shifts happen and tickets are (name, address, time zone). */
export function LocationsPage() {
  const locations = useLocations();
  return (
    <ReferenceAdmin<Location>
      title="Locations"
      listTitle="All locations"
      form={(slot) => <LocationForm location={slot.row} onDone={slot.onDone} onCancel={slot.onCancel} />}
      list={(events) => <LocationList rows={locations()} {...events} />}
    />
  );
}
