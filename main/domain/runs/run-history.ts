import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runSummarySchema, type RunSummary } from '../../../shared/contract/runs';
import { scrubOutgoing } from '../../core/outgoing';

const FILE = 'runs-history.jsonl';
const KEPT = 200;

/**
 * The runs of this data folder, the app's and the CLI's alike: one JSON line each, appended when
 * a run ends (an append of one short line cannot interleave with another writer's). A damaged
 * line is skipped, never fatal.
 */
export class RunHistory {
  constructor(private readonly dataDir: string) {}

  async add(summary: RunSummary): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await appendFile(path.join(this.dataDir, FILE), `${JSON.stringify(scrubOutgoing(summary))}\n`, { mode: 0o600 });
  }

  /** Newest first. */
  async list(): Promise<RunSummary[]> {
    const text = await readFile(path.join(this.dataDir, FILE), 'utf8').catch(() => '');
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
    return runs.slice(-KEPT).reverse();
  }
}
