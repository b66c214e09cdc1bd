import { BACKUP_VERSION, backupEnvelopeSchema } from '../../../sync/protocol/backup';

/** What people call the rows of the tables an admin cares about, in the order they are listed. */
const LABELS: [table: string, one: string, many: string][] = [
  ['users', 'person', 'people'],
  ['schedules', 'shift', 'shifts'],
  ['time_off', 'time-off entry', 'time-off entries'],
  ['tickets', 'ticket', 'tickets'],
  ['ticket_comments', 'comment', 'comments'],
  ['locations', 'location', 'locations'],
  ['categories', 'category', 'categories'],
  ['quick_links', 'quick link', 'quick links'],
];

export interface BackupSummary {
  createdAt: Date;
  /** "12 people", "340 shifts", … for the tables people know. */
  counts: string[];
}

/**
 * A first look at a chosen file, so the confirmation can say what it holds. Only the envelope is
 * checked here; the server checks every row before it replaces anything.
 */
export function summarizeBackup(text: string): { summary: BackupSummary } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'This file is not a complete backup: it may be cut short or damaged.' };
  }
  const parsed = backupEnvelopeSchema.safeParse(json);
  if (!parsed.success) return { error: 'This file is not a backup from Technician Scheduler.' };
  if (parsed.data.version !== BACKUP_VERSION) {
    return { error: `This backup is in format version ${parsed.data.version}, which this version of the app cannot read.` };
  }
  const createdAt = new Date(parsed.data.createdAt);
  if (Number.isNaN(createdAt.getTime())) return { error: 'This backup does not say when it was taken: it may be damaged.' };
  const counts = LABELS.map(([table, one, many]) => {
    const rows = parsed.data.tables[table];
    const n = Array.isArray(rows) ? rows.length : 0;
    return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
  });
  return { summary: { createdAt, counts } };
}
