import type { PushRequest, WireMutation } from '../../sync/protocol/push';

/*
 * Push batches are sized by the bytes the server counts: the UTF-8 length of the JSON body. A count
 * alone is not enough: 60 tickets of 20,000 non-ASCII characters are 2.4 MB, over the server's
 * 2 MiB, and a batch refused for its size would be refused again on every retry.
 */

const encoder = new TextEncoder();

/** What the server's body limit counts: UTF-8 bytes, not UTF-16 code units (`string.length`). */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Room left under the limit for what the batch arithmetic below does not see: a transport that
 * serializes slightly differently or a proxy that adds a few bytes. The envelope itself (`clientId`,
 * brackets, commas) is counted exactly.
 */
export const PUSH_BODY_MARGIN = 1024;

/** The body `JSON.stringify(request)` would make, and its size. */
export function pushBodyBytes(request: PushRequest): number {
  return utf8Length(JSON.stringify(request));
}

export interface PushBatch {
  mutations: WireMutation[];
  /** UTF-8 bytes of `JSON.stringify({clientId, mutations})`, as the transport sends it. */
  bytes: number;
}

/**
 * The longest run from the front of `queue` whose push body stays within `maxBytes`, and never
 * empty: a first mutation that does not fit goes alone, so the caller can decide whether it is too
 * large to send at all or only too large to share a body.
 *
 * The body is `{"clientId":"…","mutations":[` + the mutations joined by `,` + `]}`, so its size is
 * the empty envelope plus each mutation's own JSON plus the commas; each mutation is encoded once.
 */
export function takeBatch(clientId: string, queue: readonly WireMutation[], maxBytes: number): PushBatch {
  let bytes = pushBodyBytes({ clientId, mutations: [] });
  const mutations: WireMutation[] = [];
  for (const m of queue) {
    const added = utf8Length(JSON.stringify(m)) + (mutations.length > 0 ? 1 : 0);
    if (mutations.length > 0 && bytes + added > maxBytes) break;
    mutations.push(m);
    bytes += added;
  }
  return { mutations, bytes };
}

/** Megabytes (of 1,048,576 bytes) to two significant digits, rounded the way `direction` says. */
function megabytes(bytes: number, direction: 'up' | 'down'): string {
  const mb = bytes / 1_048_576;
  if (mb <= 0) return '0';
  const decimals = Math.max(0, 1 - Math.floor(Math.log10(mb)));
  const scale = 10 ** decimals;
  // The epsilon keeps float noise (2.0000000000000004) from rounding a round number up a step.
  const scaled = direction === 'up' ? Math.ceil(mb * scale - 1e-9) : Math.floor(mb * scale + 1e-9);
  return String(Number((scaled / scale).toFixed(decimals)));
}

/**
 * The reason shown on the Needs attention list. The size is rounded up and the limit down, so the
 * two numbers never read as equal.
 */
export function tooLargeMessage(bytes: number, limit: number): string {
  return `This change is too large to send (${megabytes(bytes, 'up')} MB; the server takes at most ${megabytes(limit, 'down')} MB). Shorten it and send it again.`;
}
