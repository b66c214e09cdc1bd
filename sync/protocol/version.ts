/**
 * The sync protocol version, sent by the device in `X-Sync-Protocol` on every push and pull. A change
 * to any schema in sync/protocol changes the pinned hash in tests/unit/sync/protocol/version.test.ts:
 * bump this number in the same commit when the change is breaking.
 */
export const PROTOCOL_VERSION = 2;
export const PROTOCOL_HEADER = 'X-Sync-Protocol';
