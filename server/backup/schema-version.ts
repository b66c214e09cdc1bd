import journal from '../../drizzle/migrations/meta/_journal.json';

/** The migrations this server knows, oldest first; the last is the layout of its tables. */
export const MIGRATION_TAGS: readonly string[] = journal.entries.map((e) => e.tag);
export const CURRENT_SCHEMA: string = MIGRATION_TAGS.at(-1) ?? 'none';

/**
 * Whether a backup's tables are laid out as this server's are, judged by the last migration the
 * database it came from had (`schema` in the document). Migrations are the only correct way to
 * bring data forward, so a backup from another layout is refused with what to do instead of a
 * column-by-column complaint. A document without `schema` (written before it was recorded) is left
 * to the column checks.
 */
export function schemaMismatch(backupSchema: string | undefined, known: readonly string[] = MIGRATION_TAGS): string | null {
  const current = known.at(-1);
  if (backupSchema === undefined || backupSchema === current) return null;
  if (known.includes(backupSchema)) {
    return `This backup was taken by an older version of the app (database schema ${backupSchema}; this server has ${current}). Restore it with the version that took it, then update: the update brings the data forward.`;
  }
  return `This backup was taken by a newer version of the app (database schema ${backupSchema}; this server has ${current}). Update this server first, then restore.`;
}
