import { Option, type Command } from 'commander';
import { targetFromFlags, type ConnectionTarget } from '../connections/target';

export interface ConnectionFlags {
  endpoint?: string;
  region?: string;
  sandbox?: boolean;
}

/** The flags every command that talks to Kinesis shares. */
export function withConnectionFlags(command: Command): Command {
  return command
    .addOption(new Option('--endpoint <url>', 'a custom Kinesis endpoint, e.g. http://127.0.0.1:4567').conflicts('sandbox'))
    .option('--region <region>', 'AWS region (default: AWS_REGION, or us-east-1 with --endpoint)')
    .option('--sandbox', 'use a fresh embedded local sandbox with demo streams');
}

/** `undefined` means: start the embedded sandbox. */
export function cliTarget(flags: ConnectionFlags, fallback: 'sandbox' | 'aws'): ConnectionTarget | undefined {
  if (flags.sandbox) return undefined;
  if (!flags.endpoint && !flags.region && fallback === 'sandbox') return undefined;
  return targetFromFlags(flags);
}
