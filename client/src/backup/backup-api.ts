import { backupStatusSchema, type BackupStatusResponse } from '../../../sync/protocol/backup';
import { api } from '../api/http';

export const BACKUP_DOWNLOAD_URL = '/api/admin/backup';

export async function fetchBackupStatus(): Promise<BackupStatusResponse> {
  return backupStatusSchema.parse(await api<unknown>('GET', '/api/admin/backup/status'));
}

/** Sends the chosen file as it is; the server checks it whole and answers what it restored. */
export async function restoreFromFile(file: Blob): Promise<Record<string, number>> {
  return (await api<{ restored: Record<string, number> }>('POST', '/api/admin/restore', file)).restored;
}
