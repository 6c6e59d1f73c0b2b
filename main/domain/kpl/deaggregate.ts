import { deaggregateSync } from 'aws-kinesis-agg';

export const KPL_MAGIC = Buffer.from([0xf3, 0x89, 0x9a, 0xc2]);

export interface UserRecord {
  partitionKey: string;
  explicitHashKey: string | null;
  subSequenceNumber: number;
  data: Buffer;
}

export type Deaggregated = { ok: true; records: UserRecord[] } | { ok: false; reason: string };

export function isAggregated(data: Uint8Array): boolean {
  // Magic, at least an empty protobuf, and the 16-byte MD5.
  return data.length >= 20 && Buffer.from(data.buffer, data.byteOffset, 4).equals(KPL_MAGIC);
}

/**
 * Splits a KPL aggregate into its user records, checking its MD5. The reference library answers
 * in PascalCase with sub-record data as base64 strings; this hands back one plain shape.
 */
export function deaggregate(data: Uint8Array, partitionKey: string, sequenceNumber: string): Deaggregated {
  let outcome: Deaggregated = { ok: false, reason: 'the aggregate could not be read' };
  try {
    deaggregateSync(
      { Data: data, PartitionKey: partitionKey, SequenceNumber: sequenceNumber } as never,
      true,
      (error: unknown, records?: unknown[]) => {
        if (error) {
          outcome = { ok: false, reason: `corrupt KPL aggregate: ${(error as Error).message ?? String(error)}` };
          return;
        }
        outcome = {
          ok: true,
          records: (records ?? []).map((raw, index) => {
            const r = raw as Record<string, unknown>;
            const body = r.Data ?? r.data;
            return {
              partitionKey: String(r.PartitionKey ?? r.partitionKey ?? partitionKey),
              explicitHashKey: (r.ExplicitPartitionKey ?? r.explicitPartitionKey ?? null) as string | null,
              subSequenceNumber: Number(r.SubSequenceNumber ?? r.subSequenceNumber ?? index),
              data: typeof body === 'string' ? Buffer.from(body, 'base64') : Buffer.from(body as Uint8Array),
            };
          }),
        };
      },
    );
  } catch (error) {
    outcome = { ok: false, reason: `corrupt KPL aggregate: ${(error as Error).message}` };
  }
  return outcome;
}
