import { isIanaTimeZone } from '../../../sync/domain/time-zone';
import { colorSchema, emailSchema, newPasswordSchema, personNameSchema } from '../../../sync/protocol/fields';

export interface PersonDraft {
  name: string;
  timezone: string;
  color: string;
}

export interface NewUserDraft extends PersonDraft {
  email: string;
  password: string;
}

export type FieldErrors<T> = Partial<Record<keyof T, string>>;

/**
 * What is wrong with a person's name, zone and colour, as sentences for the fields. The same zod
 * schemas check it again on the server (and in `profile.update` on the device).
 */
export function personErrors(d: PersonDraft): FieldErrors<PersonDraft> {
  const errors: FieldErrors<PersonDraft> = {};
  if (!d.name.trim()) errors.name = 'Enter the person’s name.';
  else if (!personNameSchema.safeParse(d.name).success) errors.name = 'The name can be at most 100 characters.';
  if (!d.timezone || !isIanaTimeZone(d.timezone)) errors.timezone = 'Pick a time zone from the list.';
  if (!colorSchema.safeParse(d.color).success) errors.color = 'Pick a colour.';
  return errors;
}

/** The same for a new account, with its email and first password. */
export function newUserErrors(d: NewUserDraft): FieldErrors<NewUserDraft> {
  const errors: FieldErrors<NewUserDraft> = personErrors(d);
  if (!d.email.trim()) errors.email = 'Enter the email address they will sign in with.';
  else if (!emailSchema.safeParse(d.email).success) errors.email = 'Enter an email address such as name@example.com.';
  const password = passwordError(d.password);
  if (password) errors.password = password;
  return errors;
}

/** A first or reset password: long enough to resist guessing (the server's rule). */
export function passwordError(password: string): string | undefined {
  if (!password) return 'Enter a password.';
  const parsed = newPasswordSchema.safeParse(password);
  return parsed.success ? undefined : `The password ${parsed.error.issues[0]?.message ?? 'is not valid'}.`;
}
