import { describe, expect, it } from 'vitest';
import { mergePatch } from '../../../../sync/domain/merge';

const row = { title: 'Boiler', priority: 'low', description: 'Old' };

describe('field-level merge', () => {
  it('applies fields nobody else touched since the base version, with no conflict', () => {
    const merged = mergePatch(row, { title: 5 }, 7, { priority: 'high' });
    expect(merged).toEqual({ patch: { priority: 'high' }, changes: [{ field: 'priority', from: 'low', to: 'high' }], conflicts: [] });
  });

  it('lets the later arrival win a field changed since the base version and reports the loser', () => {
    const merged = mergePatch(row, { title: 9 }, 7, { title: 'Boiler room' });
    expect(merged.patch).toEqual({ title: 'Boiler room' });
    expect(merged.conflicts).toEqual([{ field: 'title', yours: 'Boiler room', theirs: 'Boiler' }]);
  });

  it('drops values equal to the current one: no change, no conflict', () => {
    expect(mergePatch(row, { title: 9 }, 7, { title: 'Boiler' })).toEqual({ patch: {}, changes: [], conflicts: [] });
  });

  it('treats a change exactly at the base version as seen by the device', () => {
    expect(mergePatch(row, { title: 7 }, 7, { title: 'New' }).conflicts).toEqual([]);
  });

  it('handles null values (unassigning) like any other', () => {
    const merged = mergePatch({ assigneeId: 'u1' }, { assigneeId: 8 }, 7, { assigneeId: null });
    expect(merged.patch).toEqual({ assigneeId: null });
    expect(merged.conflicts).toEqual([{ field: 'assigneeId', yours: null, theirs: 'u1' }]);
  });
});
