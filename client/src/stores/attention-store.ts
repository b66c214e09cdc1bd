import type { Accessor } from 'solid-js';
import type { AttentionItem } from '../../db/device-db';
import { device } from '../sync/device';
import { liveSignal } from './live-query';

export type KeyedAttentionItem = AttentionItem & { key: number };

/** The changes the server refused (or no push could carry), oldest first, as kept on this device. */
export function useAttention(): Accessor<KeyedAttentionItem[]> {
  return liveSignal(
    device.db,
    async ({ db }) => (await db.local_attention.toArray()).filter((item): item is KeyedAttentionItem => item.key !== undefined),
    [],
  );
}
