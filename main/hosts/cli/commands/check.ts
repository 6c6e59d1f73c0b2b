import { Command, Option } from 'commander';
import type { PermissionReport } from '../../../../shared/contract';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, withLeaseTableFlags, type ConnectionFlags, type LeaseTableFlags } from '../connection-flags';
import { withRemedyText } from '../remedy-text';
import { terminalJson, visible } from '../terminal-text';
import { permissionVerdict } from '../../../../shared/permission-verdict';

interface CheckFlags {
  json?: boolean;
  writeProbe?: boolean;
  admin?: boolean;
  to?: string;
  sse?: 'AES256' | 'aws:kms';
  kmsKey?: string;
}

const mark: Record<string, string> = { granted: 'granted', missing: 'MISSING', 'kms-denied': 'KMS-DENIED', unchecked: 'not checked' };

/** 0: every required action granted; 3: a required action is missing (or blocked by KMS); 1: the checks could not tell. */
export function exitCodeOf(report: PermissionReport): number {
  const required = report.actions.filter((a) => a.required);
  if (required.every((a) => a.status === 'granted')) return 0;
  if (required.some((a) => a.status === 'missing' || a.status === 'kms-denied')) return 3;
  return 1;
}

/**
 * Each reason an action is not granted, said once under the actions it holds for: a dozen admin
 * actions that cannot be probed share one explanation, which is read once.
 */
export function reasonsNotGranted(report: PermissionReport): string[] {
  const actionsByReason = new Map<string, string[]>();
  for (const a of report.actions) {
    if (a.status === 'granted' || !a.reason) continue;
    const reason = withRemedyText(a.reason, a.remedy);
    actionsByReason.set(reason, [...(actionsByReason.get(reason) ?? []), a.action]);
  }
  return [...actionsByReason].map(([reason, actions]) => `  ${actions.join(', ')}:\n    ${visible(reason)}`);
}

export const checkCommand = withLeaseTableFlags(
  withConnectionFlags(
    new Command('check')
      .description('check which IAM actions the credentials have on a stream, and print the policy that fixes what is missing')
      .argument('<stream>', 'the stream name')
      .option('--json', 'print the report as JSON')
      .option(
        '--write-probe',
        'also check PutRecord and PutRecords by writing one test record with each, and UpdateItem on a lease table (changing nothing)',
      )
      .option('--admin', 'include the stream-admin actions (create, reshard, retention, tags, consumers…) in the fix policy')
      .option(
        '--to <s3url>',
        'also check what a run to this S3 prefix needs (with --write-probe: one small object written there and deleted)',
      )
      .addOption(
        new Option('--sse <mode>', "the run's server-side encryption: with aws:kms, the key's actions are checked too").choices([
          'AES256',
          'aws:kms',
        ]),
      )
      .option('--kms-key <id>', 'the KMS key of --sse aws:kms (id, ARN or alias)'),
  ),
).action((stream: string, opts: ConnectionFlags & LeaseTableFlags & CheckFlags) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const report = await call(app, 'permissions:check', {
      name: stream,
      writeProbe: Boolean(opts.writeProbe),
      admin: Boolean(opts.admin),
      leaseTables: opts.leaseTable,
      to: opts.to,
      sse: opts.sse,
      kmsKeyId: opts.kmsKey,
    });
    if (opts.json) {
      const { stream: name, streamArn, actions, fixPolicy } = report;
      console.log(terminalJson({ stream: name, streamArn, actions, fixPolicy }, 2));
    } else {
      console.log(`${report.stream} (${report.streamArn})\n`);
      const width = Math.max(...report.actions.map((a) => a.action.length));
      for (const a of report.actions)
        console.log(`${a.required ? '*' : ' '} ${a.action.padEnd(width)}  ${mark[a.status]!.padEnd(11)}  ${a.neededFor}`);
      console.log('\n* required to read the stream');
      const reasons = reasonsNotGranted(report);
      if (reasons.length) console.log(`\nWhy not granted:\n${reasons.join('\n')}`);
      if (report.fixPolicy) console.log(`\nPolicy that grants exactly what is missing:\n${terminalJson(report.fixPolicy, 2)}`);
      if (report.kmsKey) console.log(`\nReading is blocked by the stream's KMS key ${report.kmsKey}: the caller needs kms:Decrypt on it.`);
      console.log(`\n${permissionVerdict(report).text}`);
    }
    process.exitCode = exitCodeOf(report);
  }),
);
