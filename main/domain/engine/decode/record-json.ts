// The record's JSON shape is pure and said the same by main and the CLI's printer, so it lives in shared/.
export { toRecordJson, type RecordJson } from '../../../../shared/record-json';
