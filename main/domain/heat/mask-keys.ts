import type { HeatKey, HeatReport } from '../../../shared/contract/heat';
import type { DecodedRecord } from '../engine/decode/record';
import { REDACTED, type RecordMasker } from '../engine/mask/masker';

/**
 * The report's keys under the read's masking rules: a partition key is masked as a record's is,
 * and an explicit hash key with it, since it is the other half of the key the producer chose.
 * A key is masked once however many lists name it, so each rule's count is of keys, not mentions.
 */
export function maskHeatKeys(report: HeatReport, masker: RecordMasker | undefined): HeatReport {
  if (!masker?.active) return report;
  const seen = new Map<string, string>();
  const maskOne = (text: string): string => {
    let masked = seen.get(text);
    if (masked === undefined) {
      masked = masker.mask(asRecord(text)).partitionKey;
      seen.set(text, masked);
    }
    return masked;
  };
  const maskKey = (key: HeatKey): HeatKey => {
    const partitionKey = maskOne(key.partitionKey);
    const pkMasked = partitionKey !== key.partitionKey;
    let explicitHashKey = key.explicitHashKey === null ? null : maskOne(key.explicitHashKey);
    // Rules that hid the partition key hide its pair too, even when only a pattern of the key's text matched it.
    if (pkMasked && explicitHashKey !== null && explicitHashKey === key.explicitHashKey) explicitHashKey = REDACTED;
    const masked = pkMasked || explicitHashKey !== key.explicitHashKey;
    // The hash key is the explicit hash key itself, or the MD5 of the partition key: a list of likely keys would undo the mask.
    return masked ? { ...key, partitionKey, explicitHashKey, hashKey: null, masked } : key;
  };
  return {
    ...report,
    topKeys: report.topKeys.map(maskKey),
    shards: report.shards.map((shard) => ({ ...shard, topKeys: shard.topKeys.map(maskKey) })),
    suggestions: { ...report.suggestions, hotKeys: report.suggestions.hotKeys.map((hot) => ({ ...hot, key: maskKey(hot.key) })) },
  };
}

/** A key alone as the masker sees a record: no value, so only rules on the partition key and patterns over it act. */
function asRecord(partitionKey: string): DecodedRecord {
  return {
    shardId: '',
    sequenceNumber: '',
    subSequenceNumber: null,
    partitionKey,
    arrivalTime: '',
    size: 0,
    stored: Buffer.alloc(0),
    bytes: Buffer.alloc(0),
    compression: null,
    encoding: 'json',
    value: null,
    error: null,
  };
}
