import { Combobox } from '@kobalte/core/combobox';
import { createMemo } from 'solid-js';
import { timeZoneNames, utcOffset, zoneMatches } from './time-zones';
import './time-zone-field.css';

/**
 * Picks an IANA time zone from a searchable list (type "berlin" or "new york"). Only zones from the
 * list can be chosen: leaving the field with other text puts the chosen zone back.
 */
/** "America/New_York" reads as "America/New York"; the IANA name is what is stored. */
const readable = (zone: string) => zone.replaceAll('_', ' ');

export function TimeZoneField(props: { value: string; onChange: (zone: string) => void; error: string | undefined }) {
  const zones = createMemo(() => timeZoneNames(props.value ? [props.value] : []));
  let listbox: HTMLUListElement | undefined;
  return (
    <Combobox<string>
      class="field"
      options={zones()}
      value={props.value || null}
      onChange={(zone) => props.onChange(zone ?? '')}
      optionLabel={readable}
      optionTextValue={readable}
      defaultFilter={zoneMatches}
      // Opening scrolls the list to the chosen zone; once people type, the matches start at the top.
      onInputChange={() => requestAnimationFrame(() => listbox?.scrollTo({ top: 0 }))}
      validationState={props.error ? 'invalid' : 'valid'}
      gutter={4}
      sameWidth
      itemComponent={(item) => (
        <Combobox.Item item={item.item} class="combo__item">
          <Combobox.ItemLabel class="combo__item-label">{readable(item.item.rawValue)}</Combobox.ItemLabel>
          <span class="combo__offset">{utcOffset(item.item.rawValue)}</span>
          <Combobox.ItemIndicator class="combo__check">
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round">
              <path d="M5 12.5l4.5 4.5L19 7.5" />
            </svg>
          </Combobox.ItemIndicator>
        </Combobox.Item>
      )}
    >
      <Combobox.Label class="field__label">Time zone</Combobox.Label>
      <Combobox.Control class="combo__control">
        <Combobox.Input class="field__input combo__input" />
        <Combobox.Trigger class="combo__trigger" aria-label="Show all time zones">
          <Combobox.Icon class="combo__icon">
            <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
              <path d="M6 9l6 6 6-6" />
            </svg>
          </Combobox.Icon>
        </Combobox.Trigger>
      </Combobox.Control>
      <Combobox.Description class="field__hint">Type a city or region, such as Berlin or New York.</Combobox.Description>
      <Combobox.ErrorMessage class="field__error">{props.error}</Combobox.ErrorMessage>
      <Combobox.Portal>
        <Combobox.Content class="combo__content">
          <Combobox.Listbox ref={(el) => (listbox = el)} class="combo__listbox" />
        </Combobox.Content>
      </Combobox.Portal>
    </Combobox>
  );
}
