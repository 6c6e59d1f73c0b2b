import { Command, InvalidArgumentError } from 'commander';
import type { AuditEntry } from '../../../../shared/contract';
import { parseMoment } from '../../../../shared/positions';
import { call, withCliApp } from '../cli-app';
import { terminalJson, visible } from '../terminal-text';

function parseSince(text: string): string {
  const moment = parseMoment(text.trim(), new Date());
  if (!moment) throw new InvalidArgumentError(`"${text}" is not a time: give an ISO-8601 time, -15m, -2h, "3 days ago".`);
  return moment.toISOString();
}

function who(entry: AuditEntry): string {
  const connection = entry.who.connection?.name ?? 'no connection';
  return `${entry.who.osUser}@${connection}${entry.who.arn ? ` (${entry.who.arn})` : ''}`;
}

/** Changes read from the data folder: it opens no connection, so it works with none configured. */
export const auditCommand = new Command('audit')
  .description('list the audit log of changes (puts, produce, copies, stream changes, checkpoint moves, connections), newest first')
  .option('--since <time>', 'only changes at or after this time: an ISO-8601 time, -15m, -2h, "3 days ago"', parseSince)
  .option('--json', 'print each entry as one line of JSON')
  .option('--verify', "check the log's hash chain; exits 1 at the first removed or edited line, saying which and why")
  .action((opts: { since?: string; json?: boolean; verify?: boolean }) =>
    withCliApp('none', async (app) => {
      if (opts.verify) {
        const result = await call(app, 'audit:verify', {});
        if (opts.json) console.log(terminalJson(result));
        if (result.broken) {
          if (!opts.json)
            console.error(`error: the audit log ${result.file} is broken at line ${result.broken.line}: ${result.broken.reason}.`);
          process.exitCode = 1;
        } else if (!opts.json) console.log(`ok: ${result.lines} entries in ${result.file}, the chain holds.`);
        return;
      }
      const { entries } = await call(app, 'audit:list', { ...(opts.since ? { since: opts.since } : {}), limit: 10_000 });
      if (opts.json) {
        for (const entry of entries) console.log(terminalJson(entry));
        return;
      }
      if (entries.length === 0) console.log('No changes recorded.');
      for (const entry of entries) {
        const outcome = `${entry.outcome.status}: ${entry.outcome.summary}`;
        console.log(visible([entry.at, entry.action, who(entry), entry.what.summary, outcome].join('  ')));
      }
    }),
  );
