import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withDataFileLock } from '../engine/files/data-file-lock';
import { runSummarySchema, type RunSummary } from '../../../shared/contract/runs';
import { scrubOutgoing } from '../../core/outgoing';

const FILE = 'runs-history.jsonl';
/** Runs kept in the file and listed; older ones are dropped when a run ends past this. */
export const RUNS_KEPT = 1_000;

/**
 * The runs of this data folder, the app's and the CLI's alike: one JSON line each, appended when
 * a run ends. A damaged line is skipped, never fatal. Past RUNS_KEPT lines the file is rewritten
 * with the newest, under a lock, so a run ending in another process is not lost in the rewrite.
 */
export class RunHistory {
  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return path.join(this.dataDir, FILE);
  }

  async add(summary: RunSummary): Promise<void> {
    await withDataFileLock(this.file, async () => {
      await appendFile(this.file, `${JSON.stringify(scrubOutgoing(summary))}\n`, { mode: 0o600 });
      const lines = (await readFile(this.file, 'utf8')).split('\n').filter((line) => line.trim());
      if (lines.length <= RUNS_KEPT) return;
      // Written aside and renamed over: a crash mid-trim leaves the old file whole.
      const trimmed = `${this.file}.trim`;
      await writeFile(trimmed, `${lines.slice(-RUNS_KEPT).join('\n')}\n`, { mode: 0o600 });
      await rename(trimmed, this.file);
    });
  }

  /** Newest first. */
  async list(): Promise<RunSummary[]> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    const runs: RunSummary[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = runSummarySchema.safeParse(JSON.parse(line));
        if (parsed.success) runs.push(parsed.data);
      } catch {
        // A line cut by a crash mid-append: the others still count.
      }
    }
    return runs.slice(-RUNS_KEPT).reverse();
  }
}
