import type { RejectionCode } from '../protocol/push';

/**
 * Thrown by a mutator when a mutation cannot be done. It is final: the device shows it in its
 * "needs attention" list instead of retrying. `details` travel in the result (e.g. the clashing shift).
 */
export class MutationRejected extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'MutationRejected';
  }
}

export function reject(code: RejectionCode, message: string, details: Record<string, unknown> = {}): never {
  throw new MutationRejected(code, message, details);
}
