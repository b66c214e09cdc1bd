import { describe, expect, it } from 'vitest';
import { editableFields, EditError, withEdits } from '../../../../client/src/attention/editable-fields';
import { MUTATION_LABELS, refusalReason } from '../../../../client/src/attention/mutation-labels';
import { MUTATION_NAMES } from '../../../../sync/protocol/mutations';

describe('what a refused change is called and why', () => {
  it('names every mutation in words', () => {
    for (const name of MUTATION_NAMES) expect(MUTATION_LABELS[name]).toMatch(/^[A-Z][a-z ]+$/);
  });

  it('says each refusal in a sentence, and something for a code it does not know', () => {
    expect(refusalReason('overlap')).toBe('It clashes with another shift.');
    expect(refusalReason('too_large')).toBe('It is too large to send.');
    expect(refusalReason('teapot')).toBe('The server refused it.');
  });
});

describe('editing a refused change', () => {
  const shift = { id: crypto.randomUUID(), technicianId: crypto.randomUUID(), start: '2032-03-01T08:00:00.000Z', end: '2032-03-01T12:00:00.000Z', note: 'Ladder' };

  it('offers its times in the viewer’s zone and its text, never its ids', () => {
    expect(editableFields(shift, 'Europe/Berlin')).toEqual([
      { key: 'start', name: 'start', kind: 'instant', value: '2032-03-01T09:00' },
      { key: 'end', name: 'end', kind: 'instant', value: '2032-03-01T13:00' },
      { key: 'note', name: 'note', kind: 'long-text', value: 'Ladder' },
    ]);
  });

  it('finds the fields of an update in its patch, and leaves status and version alone', () => {
    const update = { id: crypto.randomUUID(), baseVersion: '12', patch: { title: 'Boiler', status: 'resolved', startDate: '2032-03-02' } };
    expect(editableFields(update, 'UTC').map((f) => [f.key, f.kind])).toEqual([
      ['patch.title', 'text'],
      ['patch.startDate', 'date'],
    ]);
    const fields = editableFields(update, 'UTC');
    expect(withEdits(update, fields, { 'patch.title': 'Boiler, 2nd floor' }, 'UTC')).toEqual({ ...update, patch: { ...update.patch, title: 'Boiler, 2nd floor' } });
    // The original is not changed.
    expect(update.patch.title).toBe('Boiler');
  });

  it('reads edited times as wall time in the viewer’s zone', () => {
    const fields = editableFields(shift, 'America/Chicago');
    expect(withEdits(shift, fields, { start: '2032-03-01T14:00', end: '2032-03-01T18:00' }, 'America/Chicago')).toMatchObject({
      start: '2032-03-01T20:00:00.000Z',
      end: '2032-03-02T00:00:00.000Z',
      id: shift.id,
    });
    // Unchanged fields keep their exact value.
    expect(withEdits(shift, fields, {}, 'America/Chicago')).toEqual(shift);
  });

  it('refuses a time the clocks skip, naming the field', () => {
    const fields = editableFields(shift, 'Europe/Berlin');
    const edit = () => withEdits(shift, fields, { start: '2032-03-28T02:30' }, 'Europe/Berlin');
    expect(edit).toThrow(EditError);
    try {
      edit();
    } catch (e) {
      expect((e as EditError).key).toBe('start');
    }
  });
});
