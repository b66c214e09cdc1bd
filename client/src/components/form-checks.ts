import { createSignal } from 'solid-js';

export interface Refusal<F extends string> {
  /** The field it is about, or none: then it shows under the form. */
  field: F | undefined;
  message: string;
}

/**
 * The life of a form's messages, the same in every form: none until the first attempt to save,
 * then they follow the values (fixed means gone); a refusal from the device or the server sits at
 * the field it names until that field is edited, or under the form when it names none. Focus goes
 * to the first field with a problem.
 */
export function createFormChecks<F extends string>(errors: () => Partial<Record<F, string>>) {
  const [attempted, setAttempted] = createSignal(false);
  const [refused, setRefused] = createSignal<Refusal<F>>();
  let form: HTMLFormElement | undefined;
  const focusFirstProblem = () => queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());

  return {
    formRef: (el: HTMLFormElement) => {
      form = el;
    },
    form: () => form,
    fieldError: (field: F): string | undefined => (attempted() ? errors()[field] : undefined) ?? (refused()?.field === field ? refused()?.message : undefined),
    formError: (): string | undefined => {
      const r = refused();
      return r && !r.field ? r.message : undefined;
    },
    /** Wraps a setter: editing a field clears a refusal, which was about the old value. */
    edit:
      <T>(set: (v: T) => void) =>
      (v: T) => {
        set(v);
        setRefused(undefined);
      },
    /** Starts a save: true when the draft may go; otherwise its problems show and focus moves to the first. */
    begin(): boolean {
      setAttempted(true);
      setRefused(undefined);
      if (Object.keys(errors()).length === 0) return true;
      focusFirstProblem();
      return false;
    },
    refuse(refusal: Refusal<F>): void {
      setRefused(refusal);
      focusFirstProblem();
    },
    /** After a save that clears the form: no messages until the next attempt. */
    reset(): void {
      setAttempted(false);
      setRefused(undefined);
    },
  };
}
