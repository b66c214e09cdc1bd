import { instantOfWallTime, localDateOf, localTimeOf } from '../../../sync/domain/calendar-dates';

/**
 * The parts of a refused change a person can fix before sending it again: its text, times and
 * dates, at the top of its args or in its `patch`. Ids, versions and references stay as they were:
 * changing them would make it a different change.
 */
export type FieldKind = 'text' | 'long-text' | 'instant' | 'date';

export interface EditableField {
  /** `title`, or `patch.title` for an update. */
  key: string;
  name: string;
  kind: FieldKind;
  /** As the form shows it: an instant as `YYYY-MM-DDTHH:mm` wall time in the viewer's zone. */
  value: string;
}

const FIXED = new Set(['id', 'baseVersion', 'technicianId', 'locationId', 'categoryId', 'assigneeId', 'ticketId', 'seriesId', 'status', 'kind', 'priority', 'theme', 'position']);
const LONG = new Set(['description', 'body', 'note', 'address']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  body: 'Comment',
  note: 'Note',
  name: 'Name',
  address: 'Address',
  timezone: 'Time zone',
  start: 'Starts',
  end: 'Ends',
  startDate: 'First day',
  endDate: 'Last day',
  url: 'Link address',
  color: 'Colour',
};

export const fieldLabel = (name: string) => FIELD_LABELS[name] ?? name;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function kindOf(name: string, value: string): FieldKind {
  if (INSTANT.test(value)) return 'instant';
  if (DATE.test(value)) return 'date';
  return LONG.has(name) ? 'long-text' : 'text';
}

function fieldsOf(obj: Record<string, unknown>, prefix: string, zone: string): EditableField[] {
  return Object.entries(obj).flatMap(([name, value]) => {
    if (FIXED.has(name) || typeof value !== 'string') return [];
    const kind = kindOf(name, value);
    const shown = kind === 'instant' ? `${localDateOf(value, zone)}T${localTimeOf(value, zone)}` : value;
    return [{ key: prefix + name, name, kind, value: shown }];
  });
}

export function editableFields(args: unknown, zone: string): EditableField[] {
  if (!isRecord(args)) return [];
  const top = fieldsOf(args, '', zone);
  return isRecord(args.patch) ? [...top, ...fieldsOf(args.patch, 'patch.', zone)] : top;
}

/**
 * The args with the edited values put back, instants read as wall time in `zone`. Throws
 * `EditError` naming the field when a time does not exist there (the hour skipped when DST starts).
 */
export function withEdits(args: unknown, fields: EditableField[], edits: Record<string, string>, zone: string): unknown {
  if (!isRecord(args)) return args;
  const next: Record<string, unknown> = { ...args, ...(isRecord(args.patch) ? { patch: { ...args.patch } } : {}) };
  for (const field of fields) {
    const edited = edits[field.key];
    if (edited === undefined || edited === field.value) continue;
    const target = (field.key.startsWith('patch.') ? next.patch : next) as Record<string, unknown>;
    target[field.name] = field.kind === 'instant' ? instantOf(field.key, edited, zone) : edited;
  }
  return next;
}

export class EditError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'EditError';
  }
}

function instantOf(key: string, wall: string, zone: string): string {
  const [date = '', time = ''] = wall.split('T');
  const instant = DATE.test(date) && /^\d{2}:\d{2}$/.test(time) ? instantOfWallTime(date, time, zone) : null;
  if (!instant) throw new EditError(key, 'Enter a date and time that exists here (not the hour the clocks skip).');
  return instant.toISOString();
}
