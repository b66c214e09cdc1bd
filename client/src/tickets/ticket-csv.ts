import { stringify } from 'csv-stringify/browser/esm/sync';
import { localDateOf, localTimeOf } from '../../../sync/domain/calendar-dates';
import { STATUS_LABELS } from '../../../sync/domain/ticket-status';
import type { EntityRow } from '../../../sync/protocol/entities';
import type { NameLookup } from './history-entry';

const COLUMNS = ['Title', 'Status', 'Priority', 'Category', 'Location', 'Assignee', 'Created', 'Last updated', 'Archived', 'Description', 'Id'];

/** "2026-11-25 14:03" in the viewer's zone: sorts as text and reads in any spreadsheet. */
const stamp = (instant: string | null, zone: string) => (instant ? `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}` : '');

/**
 * The list as it is filtered, as CSV for spreadsheets (quoting by csv-stringify). A leading BOM
 * makes Excel read it as UTF-8; cells that a spreadsheet would run as a formula are defused. Every
 * cell is quoted: spreadsheets set to a semicolon separator (German, French Excel) would otherwise
 * split "Pump;=cmd|…" and run the part after the semicolon.
 */
export function ticketsCsv(tickets: readonly EntityRow<'ticket'>[], lookup: NameLookup, zone: string): string {
  const rows = tickets.map((t) => [
    t.title,
    STATUS_LABELS[t.status],
    t.priority,
    t.categoryId ? (lookup.category(t.categoryId) ?? '') : '',
    t.locationId ? (lookup.location(t.locationId) ?? '') : '',
    t.assigneeId ? (lookup.user(t.assigneeId) ?? '') : '',
    stamp(t.createdAt, zone),
    stamp(t.updatedAt, zone),
    stamp(t.archivedAt, zone),
    t.description,
    t.id,
  ].map(defused));
  return `\uFEFF${stringify([COLUMNS, ...rows], { record_delimiter: 'windows', quoted: true })}`;
}

/** A cell starting with = + - @ (or a tab or carriage return) is read as a formula by spreadsheets. */
function defused(cell: string): string {
  return /^[=+\-@\t\r]/u.test(cell) ? `'${cell}` : cell;
}
