import { describe, expect, it } from 'vitest';
import { summarizeBackup } from '../../../../client/src/backup/backup-summary';

const doc = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: 'technician-scheduler-backup',
    version: 1,
    createdAt: '2026-11-25T09:30:00.000Z',
    tables: { users: [{}, {}], schedules: [{}], time_off: [], tickets: new Array(1200).fill({}), ticket_comments: [], locations: [{}], categories: [], quick_links: [] },
    ...over,
  });

describe('the first look at a chosen backup file', () => {
  it('says when it was taken and what it holds, in words people use', () => {
    const result = summarizeBackup(doc());
    expect(result).toEqual({
      summary: {
        createdAt: new Date('2026-11-25T09:30:00.000Z'),
        counts: ['2 people', '1 shift', '0 time-off entries', '1,200 tickets', '0 comments', '1 location', '0 categories', '0 quick links'],
      },
    });
  });

  it('turns away a cut-short file, another kind of file and another format version, in plain words', () => {
    expect(summarizeBackup(doc().slice(0, 80))).toEqual({ error: 'This file is not a complete backup: it may be cut short or damaged.' });
    expect(summarizeBackup('{"hello":"world"}')).toEqual({ error: 'This file is not a backup from Technician Scheduler.' });
    expect(summarizeBackup(doc({ version: 2 }))).toEqual({ error: 'This backup is in format version 2, which this version of the app cannot read.' });
    expect(summarizeBackup(doc({ createdAt: 'soon' }))).toEqual({ error: 'This backup does not say when it was taken: it may be damaged.' });
  });
});
