import cliProgress from 'cli-progress';
import { formatDuration as duration } from '../../../shared/format';
import type { ProduceProgress } from '../../../shared/contract';
import { controlStream } from './terminal-text';

const number = new Intl.NumberFormat('en-US');

export interface ProduceView {
  update(progress: ProduceProgress): void;
  stop(): void;
}

const detail = (p: ProduceProgress) =>
  `${number.format(p.written)} written, ${number.format(p.rejected)} rejected, ${number.format(p.retried)} retried, ${number.format(Math.round(p.recordsPerSecond))}/s, ETA ${duration(p.etaSeconds)}`;

/** One bar over the file's bytes on a terminal (cli-progress); a line every few seconds elsewhere; nothing with --quiet. */
export function produceView(quiet: boolean): ProduceView {
  if (quiet) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    let lastAt = 0;
    return {
      update(p) {
        if (Date.now() - lastAt < 5_000) return;
        lastAt = Date.now();
        process.stderr.write(`progress: ${detail(p)}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: controlStream(process.stderr), hideCursor: true, format: 'produce {bar} {percentage}% | {detail}', barsize: 24, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(100, 0, { detail: 'starting' });
  return {
    update: (p) => bar.update(p.fileBytes ? Math.round((p.fileBytesRead / p.fileBytes) * 100) : 100, { detail: detail(p) }),
    stop: () => bar.stop(),
  };
}
