import type { StartPosition } from '../../shared/contract';

export type PositionType = StartPosition['type'];

/** What the starting-position fields hold, as typed. */
export interface PositionFields {
  type: PositionType;
  when: string;
  shardId: string;
  sequenceNumber: string;
}

export const initialPositionFields: PositionFields = { type: 'LATEST', when: '15 minutes ago', shardId: '', sequenceNumber: '' };

/** The fields of a position a preview was opened at from elsewhere (a record just written), as the form shows them. */
export function fieldsOf(position: StartPosition, fields: PositionFields): PositionFields {
  switch (position.type) {
    case 'TRIM_HORIZON':
    case 'LATEST':
      return { ...fields, type: position.type };
    case 'AT_TIMESTAMP':
      return { ...fields, type: position.type, when: position.timestamp };
    default:
      return { ...fields, type: position.type, shardId: position.shardId, sequenceNumber: position.sequenceNumber };
  }
}
