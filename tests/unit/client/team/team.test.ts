import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../../client/src/api/http';
import { nextPersonColor, PERSON_COLORS } from '../../../../client/src/team/palette';
import { serverFieldError } from '../../../../client/src/team/server-error';
import { newUserErrors, passwordError, personErrors } from '../../../../client/src/team/validate';

const FIELDS = ['name', 'email', 'role', 'timezone', 'color', 'password'] as const;

describe('team form messages', () => {
  const good = { name: 'Ines Okafor', email: 'ines@example.com', timezone: 'Europe/Lisbon', color: '#0f766e', password: 'long enough' };

  it('has nothing to say about a good new person', () => {
    expect(newUserErrors(good)).toEqual({});
  });

  it('says what is wrong at each field', () => {
    expect(newUserErrors({ name: '', email: '', timezone: 'Mars/Base', color: 'red', password: '' })).toEqual({
      name: 'Enter the person’s name.',
      email: 'Enter the email address they will sign in with.',
      timezone: 'Pick a time zone from the list.',
      color: 'Pick a colour.',
      password: 'Enter a password.',
    });
    expect(newUserErrors({ ...good, email: 'ines@' }).email).toBe('Enter an email address such as name@example.com.');
    expect(personErrors({ ...good, name: 'x'.repeat(101) }).name).toBe('The name can be at most 100 characters.');
    expect(passwordError('short')).toBe('The password must be at least 8 characters.');
  });
});

describe('where a users API answer is shown', () => {
  it('puts a taken email at the email field, in plain words', () => {
    expect(serverFieldError(new ApiRequestError(409, 'email_taken', 'Another user already has this email address.'), FIELDS, 'x')).toEqual({
      field: 'email',
      message: 'Another person already has this email address.',
    });
  });

  it('puts a value the server named at its field', () => {
    const e = new ApiRequestError(400, 'invalid', 'timezone: must be an IANA time zone name', { issues: [{ path: 'timezone', message: 'must be an IANA time zone name such as Europe/Berlin' }] });
    expect(serverFieldError(e, FIELDS, 'x')).toEqual({ field: 'timezone', message: 'This must be an IANA time zone name such as Europe/Berlin.' });
  });

  it('puts a zone change that moves time off over shifts at the time zone', () => {
    expect(serverFieldError(new ApiRequestError(409, 'time_off', 'Ines has a shift on a day off.'), FIELDS, 'x').field).toBe('timezone');
  });

  it('keeps a lost connection and anything else under the form', () => {
    expect(serverFieldError(new ApiRequestError(0, 'network', 'No connection to the server. Check your network and try again.'), FIELDS, 'x')).toEqual({
      field: undefined,
      message: 'No connection to the server. Check your network and try again.',
    });
    expect(serverFieldError(new Error('boom'), FIELDS, 'The person could not be added.')).toEqual({ field: undefined, message: 'The person could not be added.' });
  });
});

describe('a colour for a new person', () => {
  it('is the first nobody has yet', () => {
    expect(nextPersonColor([])).toBe(PERSON_COLORS[0]);
    expect(nextPersonColor([PERSON_COLORS[0].toUpperCase()])).toBe(PERSON_COLORS[1]);
    expect(PERSON_COLORS).toContain(nextPersonColor([...PERSON_COLORS]));
  });
});
