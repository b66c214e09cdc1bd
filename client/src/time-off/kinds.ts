import type { TIME_OFF_KINDS } from '../../../sync/protocol/enums';

export type TimeOffKind = (typeof TIME_OFF_KINDS)[number];

export const KIND_LABELS: Record<TimeOffKind, string> = { vacation: 'Vacation', sick: 'Sick', other: 'Other' };
