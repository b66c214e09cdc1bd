/**
 * Field-level merge of an update made against `baseVersion` into the current row.
 *
 * Last writer wins by server arrival: every field in the patch is applied. A field is a conflict
 * when someone else changed it after the device's base version (its field version is newer) and the
 * values differ; the caller keeps the overwritten value in history so nothing is lost. Fields the
 * patch does not name are untouched, so edits of different fields never conflict.
 */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface MergeResult<P> {
  /** The fields that actually change (equal values are dropped). */
  patch: Partial<P>;
  changes: FieldChange[];
  conflicts: { field: string; yours: unknown; theirs: unknown }[];
}

export function mergePatch<P extends Record<string, unknown>>(
  current: Record<string, unknown>,
  fieldVersions: Readonly<Record<string, number>>,
  baseVersion: number,
  patch: P,
): MergeResult<P> {
  const result: MergeResult<P> = { patch: {}, changes: [], conflicts: [] };
  for (const field of Object.keys(patch) as (keyof P & string)[]) {
    const value = patch[field];
    if (value === undefined) continue;
    const theirs = current[field];
    if (Object.is(theirs, value)) continue;
    result.patch[field] = value;
    result.changes.push({ field, from: theirs, to: value });
    if ((fieldVersions[field] ?? 0) > baseVersion) result.conflicts.push({ field, yours: value, theirs });
  }
  return result;
}
