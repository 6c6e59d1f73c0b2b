import cliProgress from 'cli-progress';
import type { RunProgress } from '../../../shared/contract';
import { formatDuration as duration, formatSize as bytes } from '../../../shared/format';
import { controlStream } from './terminal-text';
import { countOf } from '../../../shared/plural';

const SHOWN_SHARDS = 16;
const number = new Intl.NumberFormat('en-US');

export interface ProgressView {
  update(progress: RunProgress): void;
  stop(): void;
}

/** Progress bars on a terminal (cli-progress): the total, then each shard. */
function barsView(stream: NodeJS.WriteStream): ProgressView {
  const bars = new cliProgress.MultiBar(
    {
      stream,
      hideCursor: true,
      clearOnComplete: false,
      format: '{label} {bar} {percentage}% | {detail}',
      barsize: 24,
      autopadding: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const total = bars.create(100, 0, { label: 'total'.padEnd(20), detail: 'starting' });
  let named = false;
  const shardBars = new Map<string, cliProgress.SingleBar>();
  let stopped = false;
  return {
    update(p) {
      // Where the run writes, once, above the bars: a folder or an s3:// prefix.
      if (!named) bars.log(`into ${p.folder}\n`);
      named = true;
      const fractions = p.shards.map((s) => s.fraction).filter((f): f is number => f !== null);
      const overall = fractions.length ? fractions.reduce((a, b) => a + b, 0) / p.shards.length : 0;
      total.update(Math.round(overall * 100), {
        detail: `${countOf(p.records, 'record')}, ${bytes(p.bytes)}, ${countOf(p.files, 'file')}, ${p.rejects} rejected, ${number.format(Math.round(p.recordsPerSecond))}/s, ETA ${duration(p.etaSeconds)}`,
      });
      for (const shard of p.shards.slice(0, SHOWN_SHARDS)) {
        let bar = shardBars.get(shard.shardId);
        if (!bar) shardBars.set(shard.shardId, (bar = bars.create(100, 0, { label: shard.shardId.padEnd(20), detail: '' })));
        bar.update(Math.round((shard.fraction ?? 0) * 100), { detail: `${countOf(shard.records, 'record')}, ${shard.state}` });
      }
    },
    stop: () => {
      // Called again when the command ends after its summary: the bars are stopped once.
      if (stopped) return;
      stopped = true;
      bars.stop();
    },
  };
}

/** Plain lines where stderr is not a terminal (a log, a pipe, CI): one every few seconds. */
function linesView(stream: NodeJS.WritableStream, everyMs = 5_000): ProgressView {
  let lastAt = 0;
  return {
    update(p) {
      if (Date.now() - lastAt < everyMs) return;
      lastAt = Date.now();
      const done = p.shards.filter((s) => s.state === 'done' || s.state === 'ended').length;
      stream.write(
        `progress: ${countOf(p.records, 'record')}, ${bytes(p.bytes)}, ${countOf(p.files, 'file')}, ${p.rejects} rejected, ${number.format(Math.round(p.recordsPerSecond))} records/s, ${done}/${countOf(p.shards.length, 'shard')} done, ETA ${duration(p.etaSeconds)}, into ${p.folder}\n`,
      );
    },
    stop() {},
  };
}

export function progressView(quiet: boolean): ProgressView {
  if (quiet) return { update() {}, stop() {} };
  return process.stderr.isTTY ? barsView(controlStream(process.stderr)) : linesView(process.stderr);
}
