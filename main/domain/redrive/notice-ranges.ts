import type { RedriveNotice, RedriveRange } from '../../../shared/contract/redrive';

/**
 * The ranges to read: per stream and shard, the notices' ranges with those that overlap or repeat
 * merged into one, so that a record two notices name is read, shown and put back once. Ranges
 * that only touch end to end stay apart: nothing lies between them to read.
 */
export function mergeRanges(
  notices: readonly RedriveNotice[],
  include: (notice: RedriveNotice, index: number) => boolean = () => true,
): RedriveRange[] {
  const byShard = new Map<string, number[]>();
  notices.forEach((notice, index) => {
    if (!include(notice, index)) return;
    const key = `${notice.region}\n${notice.stream}\n${notice.shardId}`;
    byShard.set(key, [...(byShard.get(key) ?? []), index]);
  });
  const ranges: RedriveRange[] = [];
  for (const indexes of byShard.values()) {
    indexes.sort((a, b) => compare(notices[a]!.start, notices[b]!.start));
    let current: RedriveRange | null = null;
    for (const index of indexes) {
      const notice = notices[index]!;
      if (current && BigInt(notice.start) <= BigInt(current.end)) {
        if (BigInt(notice.end) > BigInt(current.end)) current.end = notice.end;
        current.notices.push(index);
        continue;
      }
      current = {
        stream: notice.stream,
        region: notice.region,
        shardId: notice.shardId,
        start: notice.start,
        end: notice.end,
        notices: [index],
        found: 0,
      };
      ranges.push(current);
    }
  }
  return ranges.sort((a, b) => a.stream.localeCompare(b.stream) || a.shardId.localeCompare(b.shardId) || compare(a.start, b.start));
}

function compare(a: string, b: string): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
