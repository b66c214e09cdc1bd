import { formatInTimeZone } from 'date-fns-tz';
import { createResource, createSignal, For, Show } from 'solid-js';
import { ApiRequestError } from '../api/http';
import { BACKUP_DOWNLOAD_URL, fetchBackupStatus, restoreFromFile } from '../backup/backup-api';
import { summarizeBackup, type BackupSummary } from '../backup/backup-summary';
import { AdminBreadcrumb } from '../components/breadcrumb';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorAlert } from '../components/error-alert';
import { session } from '../session/session';
import { device } from '../sync/device';
import '../backup/backup.css';

const errorText = (e: unknown) =>
  e instanceof ApiRequestError ? e.message : 'Something went wrong while restoring. Nothing was changed; try again.';

/** Admin: download a backup of all data, see the automatic ones, and restore from a file. */
export function BackupPage() {
  const zone = () => session.user()?.timezone ?? 'UTC';
  const when = (at: Date | string) => formatInTimeZone(at, zone(), 'EEE d MMM yyyy, HH:mm');
  const [status] = createResource(fetchBackupStatus);
  const [file, setFile] = createSignal<File>();
  const [summary, setSummary] = createSignal<BackupSummary>();
  const [fileError, setFileError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  let picker: HTMLInputElement | undefined;

  const choose = async (chosen: File | undefined) => {
    setFile(chosen);
    setSummary(undefined);
    setFileError(undefined);
    setDone(undefined);
    if (!chosen) return;
    const result = summarizeBackup(await chosen.text());
    if ('error' in result) setFileError(result.error);
    else setSummary(result.summary);
  };

  const restore = async () => {
    const chosen = file();
    const backup = summary();
    if (!chosen || !backup) return;
    const restored = await restoreFromFile(chosen);
    const rows = Object.values(restored).reduce((a, b) => a + b, 0);
    setDone(`Restored the backup from ${when(backup.createdAt)} (${rows.toLocaleString('en')} records). Every device is syncing again.`);
    setFile(undefined);
    setSummary(undefined);
    if (picker) picker.value = '';
    device.syncNow();
  };

  return (
    <>
      <AdminBreadcrumb page="Backup and restore" />
      <h1 class="page-title">Backup and restore</h1>
      <div class="backup-layout">
        <section class="card stack" aria-labelledby="backup-download-title">
          <h2 id="backup-download-title">Download a backup</h2>
          <p>
            One file with all the data: people and their accounts, shifts, time off, tickets with their comments and
            history, locations, categories and quick links. Sign-ins are not in it.
          </p>
          <a class="button button--primary backup-download" href={BACKUP_DOWNLOAD_URL} download="">
            Download backup
          </a>
          <h3 class="backup-subtitle">Automatic backups</h3>
          <Show when={!status.error} fallback={<p class="muted">Not shown: the server could not be reached.</p>}>
            <Show when={status()} fallback={<p class="muted">Loading…</p>}>
              {(s) => (
                <Show when={s().automatic} fallback={<p class="muted">Automatic backups are off on this server.</p>}>
                  {(auto) => (
                    <>
                      <p>
                        Every {auto().intervalHours} hours on the server, in <code>{auto().directory}</code>; the newest{' '}
                        {auto().keep} are kept.
                      </p>
                      <p>
                        <strong>Last automatic backup:</strong> {auto().lastAt ? when(auto().lastAt ?? '') : 'none yet'}
                      </p>
                      <ErrorAlert message={auto().lastError ? `The last attempt failed: ${auto().lastError}` : undefined} />
                    </>
                  )}
                </Show>
              )}
            </Show>
          </Show>
        </section>

        <section class="card stack" aria-labelledby="backup-restore-title">
          <h2 id="backup-restore-title">Restore from a backup</h2>
          <p>Replaces all the data on the server with what the backup holds.</p>
          <div class="field">
            <label class="field__label" for="backup-file">
              Backup file
            </label>
            <input
              ref={(el) => (picker = el)}
              id="backup-file"
              class="field__input backup-file"
              type="file"
              accept="application/json,.json"
              aria-invalid={fileError() ? 'true' : 'false'}
              aria-describedby={fileError() ? 'backup-file-error' : undefined}
              onChange={(e) => void choose(e.currentTarget.files?.[0])}
            />
            <Show when={fileError()}>
              <p id="backup-file-error" class="field__error">
                {fileError()}
              </p>
            </Show>
          </div>
          <Show when={summary()}>
            {(s) => (
              <p>
                Backup taken <strong>{when(s().createdAt)}</strong>: {s().counts.join(', ')}.
              </p>
            )}
          </Show>
          <ConfirmDialog
            trigger="Restore…"
            triggerClass="button button--danger"
            disabled={!summary()}
            title="Replace all data with this backup?"
            confirmLabel="Replace all data"
            busyLabel="Restoring…"
            danger
            onConfirm={restore}
            errorMessage={errorText}
          >
            <Show when={summary()}>
              {(s) => (
                <>
                  <p>
                    Everything now on the server will be replaced by the backup from <strong>{when(s().createdAt)}</strong>:
                  </p>
                  <ul class="backup-counts">
                    <For each={s().counts}>{(line) => <li>{line}</li>}</For>
                  </ul>
                  <p>
                    Anything added or changed since then is lost. Every phone and browser syncs again from the start;
                    changes they have not sent yet are kept and sent afterwards. People who are not in the backup are
                    signed out.
                  </p>
                </>
              )}
            </Show>
          </ConfirmDialog>
          <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
            {done()}
          </p>
        </section>
      </div>
    </>
  );
}
