import { open, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AuditEntry, AuditOutcome, AuditVerification, AuditWho } from '../../../shared/contract';
import { redactSecrets } from '../../security/redact';
import { writeFileAtomic } from '../engine/files/atomic-file';
import { withDataFileLock } from '../engine/files/data-file-lock';
import { AUDIT_GENESIS, checkChain, lineHash, parseAuditLine, type AuditHead } from './audit-chain';
import type { AuditIdentity } from './caller-identity';
import { lastCompleteLine } from './log-tail';

export const AUDIT_FILE = 'audit.jsonl';

/**
 * One change as the code that made it says it. `plan` holds names, positions and counts only:
 * whoever calls builds it field by field, never by spreading an input that may carry data.
 */
export interface AuditRecord {
  action: string;
  connection: AuditWho['connection'];
  /** Resolves the connection's AWS identity (cached per connection by CallerIdentities). */
  identity: () => Promise<AuditIdentity>;
  stream: string | null;
  summary: string;
  plan: Record<string, unknown>;
  token: string | null;
  outcome: AuditOutcome;
}

export interface AuditLogOptions {
  /** Which host wrote the entry (desktop, browser, cli). */
  host: string;
  now?: () => Date;
}

/**
 * The append-only audit log in the data folder, shared by every process of the user (the desktop
 * app, the browser host, each CLI command). Each append holds the data-folder lock across reading
 * the last line's hash and writing the new line, so concurrent writers never fork the chain.
 */
export class AuditLog {
  readonly file: string;
  private readonly headFile: string;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly now: () => Date;

  constructor(
    dataDir: string,
    private readonly options: AuditLogOptions,
  ) {
    this.file = path.join(dataDir, AUDIT_FILE);
    this.headFile = `${this.file}.head`;
    this.now = options.now ?? (() => new Date());
  }

  /** Appends one entry; resolves once it is on disk. */
  record(change: AuditRecord): Promise<void> {
    const written = this.append(change);
    this.pending.add(written);
    void written.catch(() => {}).finally(() => this.pending.delete(written));
    return written;
  }

  /** Waits for every entry still being written (a session's outcome written as the app stops). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async list(since?: Date): Promise<(AuditEntry & { line: number })[]> {
    const entries: (AuditEntry & { line: number })[] = [];
    for (const [index, line] of (await this.lines()).entries()) {
      const entry = parseAuditLine(line);
      // A broken line is verify's to report; the listing shows what can be read.
      if (entry && (!since || Date.parse(entry.at) >= since.getTime())) entries.push({ ...entry, line: index + 1 });
    }
    return entries.reverse();
  }

  async verify(): Promise<AuditVerification> {
    const [lines, head] = await Promise.all([this.lines(), this.head()]);
    return { ...checkChain(lines, head), file: this.file };
  }

  private async append(change: AuditRecord): Promise<void> {
    const identity = await change.identity();
    const who: AuditWho = { osUser: osUser(), host: this.options.host, connection: change.connection, ...identity };
    await withDataFileLock(this.file, async () => {
      const last = await this.lastLine();
      const entry: AuditEntry = {
        action: change.action,
        at: this.now().toISOString(),
        who,
        what: { summary: redactSecrets(change.summary), stream: change.stream, plan: change.plan, token: change.token },
        outcome: scrubOutcome(change.outcome),
        previous: last === null ? AUDIT_GENESIS : lineHash(last.line),
      };
      const line = JSON.stringify(entry);
      const handle = await open(this.file, 'a', 0o600);
      try {
        await handle.appendFile(`${line}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await writeFileAtomic(this.headFile, JSON.stringify({ lines: (last?.number ?? 0) + 1, last: lineHash(line) } satisfies AuditHead));
    });
  }

  private async lines(): Promise<string[]> {
    const text = await readFile(this.file, 'utf8').catch(missingAsEmpty);
    return text === '' ? [] : text.replace(/\n$/, '').split('\n');
  }

  /**
   * The last line and its number: the tail alone, numbered by the head where the head vouches
   * for that line; the whole file is counted only when it does not (a writer stopped between its
   * append and the head's update, or the file was changed by hand).
   */
  private async lastLine(): Promise<{ line: string; number: number } | null> {
    const line = await lastCompleteLine(this.file);
    if (line === null) return null;
    const head = await this.head();
    if (head && head.last === lineHash(line)) return { line, number: head.lines };
    return { line, number: (await this.lines()).length };
  }

  private async head(): Promise<AuditHead | null> {
    const text = await readFile(this.headFile, 'utf8').catch(missingAsEmpty);
    if (text === '') return null;
    try {
      const head = JSON.parse(text) as Partial<AuditHead>;
      return typeof head.lines === 'number' && typeof head.last === 'string' ? { lines: head.lines, last: head.last } : null;
    } catch {
      return null;
    }
  }
}

function scrubOutcome(outcome: AuditOutcome): AuditOutcome {
  return {
    ...outcome,
    summary: redactSecrets(outcome.summary),
    ...(outcome.error ? { error: { ...outcome.error, message: redactSecrets(outcome.error.message) } } : {}),
  };
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // A user with no passwd entry (some containers): the environment is all there is.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

function missingAsEmpty(error: unknown): string {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
  throw error;
}
