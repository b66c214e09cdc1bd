import { ReferenceForm } from '../components/reference-form';
import { TextInput } from '../components/text-input';
import type { Location } from '../stores/locations-store';
import { device } from '../sync/device';
import { browserTimeZone } from './time-zones';
import { TimeZoneField } from './time-zone-field';
import { locationErrors, type LocationDraft } from './validate';

/** Adds a location (in the browser's zone unless another is picked), or edits `location` when given. */
export function LocationForm(props: { location?: Location; onDone: (message: string, id: string) => void; onCancel?: () => void }) {
  return (
    <ReferenceForm<LocationDraft, Location>
      noun="location"
      row={props.location}
      values={(l) => ({ name: l?.name ?? '', address: l?.address ?? '', timezone: l?.timezone ?? browserTimeZone() })}
      errors={locationErrors}
      clean={(v) => ({ name: v.name.trim(), address: v.address.trim(), timezone: v.timezone })}
      create={(id, values) => device.mutate('location.create', { id, ...values })}
      update={(location, patch) => device.mutate('location.update', { id: location.id, baseVersion: location.version, patch })}
      onDone={props.onDone}
      onCancel={props.onCancel}
    >
      {(field) => (
        <>
          <TextInput label="Name" name="name" {...field('name')} />
          <TextInput label="Address (optional)" name="address" multiline {...field('address')} />
          <TimeZoneField {...field('timezone')} />
        </>
      )}
    </ReferenceForm>
  );
}
