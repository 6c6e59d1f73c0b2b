import type { Application, LeaseFormat, Shard } from '../../../shared/contract';
import { classifyAwsError } from '../../aws/errors';
import { assessApplication } from './application-lag';
import type { ShortReader } from './checkpoint-lag';
import { parseLease, type Lease } from '../engine/leases/lease-format';
import { scanTable, tablesKeyedByLease } from '../engine/leases/lease-table';
import type { LeaseStore } from '../side-services/lease-store';
import type { LeaseWatch } from './lease-watch';

export interface TableChoice {
  table: string;
  /** The user named it, or it was found by its shape. */
  named: boolean;
  /** Found by its shape and seen to be this stream's: a failure to read it is said, not skipped. */
  known?: boolean;
}

/** The tables to read: the ones named, else every table keyed by `leaseKey` (looked for once per panel). */
export async function chooseTables(store: LeaseStore, named: readonly string[], signal?: AbortSignal): Promise<TableChoice[]> {
  if (named.length > 0) return named.map((table) => ({ table, named: true }));
  return (await tablesKeyedByLease(store.client, signal)).map((table) => ({ table, named: false }));
}

export interface ReadApplicationsInput {
  store: LeaseStore;
  tables: readonly TableChoice[];
  stream: string;
  /** The stream's creation time, epoch seconds, where known. */
  createdEpoch?: number | null;
  shards: readonly Shard[];
  watch: LeaseWatch;
  reader: (shardId: string) => ShortReader;
  signal?: AbortSignal;
}

/** The table's leases of this stream, and how the table was tied to it; null when it is not this stream's. */
export function leasesOfStream(
  choice: TableChoice,
  leases: readonly Lease[],
  stream: string,
  shards: readonly Shard[],
  /** The stream's creation time, epoch seconds: multi-stream leases of an earlier stream of the same name are not its. */
  createdEpoch: number | null = null,
): { leases: Lease[]; match: Application['match']; others: string[] } | null {
  const multi = leases.filter((l) => l.streamName !== null);
  const named = multi.filter((l) => l.streamName === stream);
  const epochs = [...new Set(named.map((l) => l.streamEpoch))];
  const epoch = epochs.length <= 1 ? null : epochs.includes(createdEpoch) ? createdEpoch : Math.max(...epochs.map((e) => e ?? 0));
  const mine = epoch === null ? named : named.filter((l) => l.streamEpoch === epoch);
  const others = [...new Set(multi.filter((l) => l.streamName !== stream).map((l) => l.streamName!))];
  if (mine.length > 0) return { leases: mine, match: choice.named ? 'named' : 'stream-in-lease', others };
  const single = leases.filter((l) => l.streamName === null);
  if (choice.named) return { leases: single, match: 'named', others };
  // A single-stream table never names its stream: it is shown only if its shard ids are this stream's.
  const ids = new Set(shards.map((s) => s.shardId));
  if (single.length > 0 && single.every((l) => ids.has(l.shardId))) return { leases: single, match: 'shard-ids', others };
  return null;
}

const formatOf = (leases: readonly Lease[]): LeaseFormat =>
  leases.some((l) => l.format === 'kcl-3') ? 'kcl-3' : leases.some((l) => l.format === 'kcl-2') ? 'kcl-2' : 'kcl-1';

/** Each lease table of the stream, read whole and measured shard by shard. */
export async function readApplications(input: ReadApplicationsInput): Promise<Application[]> {
  const applications: Application[] = [];
  for (const choice of input.tables) {
    const failed = (error: string): Application => ({
      table: choice.table,
      format: 'kcl-2',
      match: 'named',
      shards: [],
      workers: [],
      worst: null,
      error,
    });
    let leases: Lease[];
    try {
      leases = (await scanTable(input.store.client, choice.table, input.signal)).map(parseLease).filter((l): l is Lease => l !== null);
    } catch (error) {
      if (!choice.named && !choice.known) continue;
      const failure = classifyAwsError(error);
      applications.push(
        failed(failure.failure === 'not-found' ? `There is no table named ${choice.table} at ${input.store.at}.` : failure.message),
      );
      continue;
    }
    const ofStream = leasesOfStream(choice, leases, input.stream, input.shards, input.createdEpoch ?? null);
    if (!ofStream) continue;
    if (ofStream.leases.length === 0) {
      applications.push(
        failed(
          ofStream.others.length
            ? `Its leases are for other streams: ${ofStream.others.slice(0, 5).join(', ')}.`
            : 'It holds no KCL leases.',
        ),
      );
      continue;
    }
    const watchKey = `${input.store.at}|${choice.table}`;
    input.watch.observe(watchKey, ofStream.leases);
    const assessed = await assessApplication({
      table: choice.table,
      watchKey,
      match: ofStream.match,
      leases: ofStream.leases,
      shards: input.shards,
      watch: input.watch,
      reader: input.reader,
    });
    applications.push({ ...assessed, format: formatOf(ofStream.leases), error: null });
  }
  return applications;
}
