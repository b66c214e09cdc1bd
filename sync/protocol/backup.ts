import { z } from 'zod';

/**
 * The backup document's envelope (api.md, Backup), shared by the server that writes and checks it
 * and the admin page that shows what a chosen file holds before restoring it.
 */
export const BACKUP_FORMAT = 'technician-scheduler-backup';
export const BACKUP_VERSION = 1;

export const backupEnvelopeSchema = z.object({
  format: z.literal(BACKUP_FORMAT, { error: `this is not a ${BACKUP_FORMAT} file` }),
  version: z.number(),
  createdAt: z.string(),
  /** The last migration of the database it was taken from: the layout of its tables. */
  schema: z.string().optional(),
  tables: z.record(z.string(), z.unknown()),
});

/** `GET /api/admin/backup/status`. */
export const backupStatusSchema = z.object({
  automatic: z
    .object({
      intervalHours: z.number(),
      keep: z.number(),
      directory: z.string(),
      lastAt: z.string().nullable(),
      lastError: z.string().nullable(),
    })
    .nullable(),
});
export type BackupStatusResponse = z.infer<typeof backupStatusSchema>;
