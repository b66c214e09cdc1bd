import { describe, expect, it } from 'vitest';
import { describeChange, type NameLookup } from '../../../../client/src/tickets/history-entry';

const lookup: NameLookup = {
  user: (id) => ({ u1: 'Ana', u2: 'Ben' })[id],
  category: (id) => ({ c1: 'Plumbing' })[id],
  location: (id) => ({ l1: 'Depot' })[id],
};

describe('a history entry in words', () => {
  it('names statuses, people, categories and locations instead of codes and ids', () => {
    expect(describeChange({ field: 'status', from: 'open', to: 'in_progress' }, lookup)).toEqual({ what: 'changed the status', from: 'Open', to: 'In progress' });
    expect(describeChange({ field: 'assigneeId', from: null, to: 'u1' }, lookup)).toEqual({ what: 'assigned the ticket', to: 'Ana' });
    expect(describeChange({ field: 'assigneeId', from: 'u1', to: 'u2' }, lookup)).toEqual({ what: 'reassigned the ticket', from: 'Ana', to: 'Ben' });
    expect(describeChange({ field: 'assigneeId', from: 'u2', to: null }, lookup)).toEqual({ what: 'unassigned the ticket', from: 'Ben' });
    expect(describeChange({ field: 'categoryId', from: 'c1', to: null }, lookup)).toEqual({ what: 'changed the category', from: 'Plumbing', to: 'Uncategorised' });
    expect(describeChange({ field: 'locationId', from: 'gone', to: 'l1' }, lookup)).toEqual({ what: 'changed the location', from: 'a deleted location', to: 'Depot' });
  });

  it('says archiving and restoring in words, without timestamps', () => {
    expect(describeChange({ field: 'archivedAt', from: null, to: '2026-11-25T10:00:00.000Z' }, lookup)).toEqual({ what: 'archived the ticket' });
    expect(describeChange({ field: 'archivedAt', from: '2026-11-25T10:00:00.000Z', to: null }, lookup)).toEqual({ what: 'restored the ticket from the archive' });
  });

  it('does not quote a whole description, and shortens long titles', () => {
    expect(describeChange({ field: 'description', from: 'a', to: 'b'.repeat(5000) }, lookup)).toEqual({ what: 'edited the description' });
    const renamed = describeChange({ field: 'title', from: 'x'.repeat(300), to: 'Short' }, lookup);
    expect(renamed.from).toHaveLength(80);
    expect(renamed.to).toBe('Short');
  });
});
