import { createUniqueId, For, Show } from 'solid-js';
import type { FormField } from '../components/reference-form';
import { CATEGORY_PALETTE, colorName } from './palette';
import './categories.css';

/**
 * Picks a category's colour: one of the palette's swatches (radio buttons named for their colour, so
 * arrow keys move between them), or any colour through the browser's own colour input.
 */
export function ColorField(props: FormField) {
  const name = createUniqueId();
  const errorId = createUniqueId();
  const current = () => props.value.toLowerCase();
  return (
    <fieldset class="field color-field" aria-describedby={props.error ? errorId : undefined}>
      <legend class="field__label">Colour</legend>
      <div class="color-field__choices">
        <For each={CATEGORY_PALETTE}>
          {(choice) => (
            <label class="color-choice" title={choice.name}>
              <input
                type="radio"
                class="color-choice__input"
                name={name}
                value={choice.color}
                checked={current() === choice.color}
                style={{ '--swatch': choice.color }}
                onChange={() => props.onChange(choice.color)}
              />
              <span class="visually-hidden">{choice.name}</span>
            </label>
          )}
        </For>
      </div>
      <label class="color-field__custom">
        <input
          type="color"
          class="color-field__native"
          value={current()}
          aria-invalid={props.error ? 'true' : undefined}
          onInput={(e) => props.onChange(e.currentTarget.value)}
        />
        <span>Other colour</span>
      </label>
      <p class="field__hint">
        Chosen: <span class="swatch" style={{ background: current() }} aria-hidden="true" /> {colorName(current())}
      </p>
      <Show when={props.error}>
        <p id={errorId} class="field__error">
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
