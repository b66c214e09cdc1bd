import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA, MIGRATION_TAGS, schemaMismatch } from '../../../../server/backup/schema-version';

const known = ['0000_initial', '0001_more', '0002_latest'];

describe('schemaMismatch', () => {
  it('accepts the current layout, and leaves a document that names none to the column checks', () => {
    expect(schemaMismatch('0002_latest', known)).toBeNull();
    expect(schemaMismatch(undefined, known)).toBeNull();
  });

  it('sends a backup from an older layout to the version that took it', () => {
    expect(schemaMismatch('0001_more', known)).toMatch(/older version.*0001_more.*0002_latest.*then update/);
  });

  it('asks for an update before restoring a backup from a newer or unknown layout', () => {
    expect(schemaMismatch('0003_future', known)).toMatch(/newer version.*0003_future.*Update this server first/);
  });

  it('knows this server’s layout from its migrations', () => {
    expect(CURRENT_SCHEMA).toBe(MIGRATION_TAGS.at(-1));
    expect(CURRENT_SCHEMA).toMatch(/^\d{4}_/);
  });
});
