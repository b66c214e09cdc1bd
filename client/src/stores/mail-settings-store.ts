import type { Accessor } from 'solid-js';
import { mailSettingsOf } from '../../../sync/mutators/mail-settings';
import type { MailKind } from '../../../sync/protocol/enums';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

/**
 * The signed-in user's own mail settings, as synced to this device (only the owner's row is ever
 * pulled), with pending changes on top: works offline. No row yet means everything is on.
 */
export function useMailSettings(): Accessor<Record<MailKind, boolean>> {
  return liveSignal(device.db, async ({ db, userId }) => mailSettingsOf(await db.mailSettings.get(userId)), mailSettingsOf(undefined));
}
