import { InvalidArgumentError, Option, type Command } from 'commander';
import { checkedEndpoint, type ConnectionRequest, type ReadBudget } from '../../../shared/contract';
import { AppError } from '../../core/app-error';
import { shellQuote } from '../../../shared/aws-cli';

export interface ConnectionFlags {
  endpoint?: string;
  region?: string;
  sandbox?: boolean;
  profile?: string;
  /** Only on commands that read lease tables (consumers, move-checkpoint). */
  dynamodbEndpoint?: string;
  /** Where Glue Schema Registry calls go: a local stand-in (the sandbox's), else AWS_ENDPOINT_URL_GLUE or AWS's. */
  glueEndpoint?: string;
  /** Where S3 calls go: a local S3 (the sandbox's), else AWS_ENDPOINT_URL_S3 or AWS's. */
  s3Endpoint?: string;
}

/** The flags every command that talks to Kinesis shares. */
export function withConnectionFlags(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--profile <name>',
        'a saved Shardscope connection, else an AWS shared-config profile (default: SHARDSCOPE_PROFILE)',
      ).conflicts('sandbox'),
    )
    .addOption(new Option('--endpoint <url>', 'a custom Kinesis endpoint, e.g. http://127.0.0.1:4567').conflicts('sandbox'))
    .option('--region <region>', "AWS region (default: the profile's, AWS_REGION, or us-east-1 with --endpoint)")
    .option('--sandbox', 'use a fresh embedded local sandbox with demo streams')
    .option('--glue-endpoint <url>', 'a custom Glue Schema Registry endpoint (default: AWS_ENDPOINT_URL_GLUE, else AWS)')
    .option('--s3-endpoint <url>', 'a custom S3 endpoint, addressed path-style (default: AWS_ENDPOINT_URL_S3, else AWS)')
    .option('--read-only', 'refuse every write on this connection for this command, whatever it is saved as');
}

/** SHARDSCOPE_PROFILE names the connection of every command that names none itself (--sandbox, --endpoint or --profile). */
export function withProfileFromEnvironment<F extends ConnectionFlags>(flags: F, env: NodeJS.ProcessEnv = process.env): F {
  const named = env.SHARDSCOPE_PROFILE?.trim();
  if (!named || flags.profile || flags.sandbox || flags.endpoint) return flags;
  return { ...flags, profile: named };
}

/**
 * The connection flags a command ran with, as words to paste after a command it prints (a resume
 * hint): without them the printed command would talk to the default connection instead.
 */
export function connectionFlagWords(given: ConnectionFlags & { readOnly?: boolean }): string {
  // A profile from the environment is written out: the printed command may run in another shell.
  const flags = withProfileFromEnvironment(given);
  const words: string[] = [];
  if (flags.sandbox) words.push('--sandbox');
  if (flags.profile) words.push('--profile', shellQuote(flags.profile));
  if (flags.endpoint) words.push('--endpoint', shellQuote(flags.endpoint));
  if (flags.region) words.push('--region', shellQuote(flags.region));
  if (flags.dynamodbEndpoint) words.push('--dynamodb-endpoint', shellQuote(flags.dynamodbEndpoint));
  if (flags.glueEndpoint) words.push('--glue-endpoint', shellQuote(flags.glueEndpoint));
  if (flags.s3Endpoint) words.push('--s3-endpoint', shellQuote(flags.s3Endpoint));
  if (flags.readOnly) words.push('--read-only');
  return words.map((word) => ` ${word}`).join('');
}

/**
 * What the flags ask for. With none: the standard AWS chain for one-shot commands, the saved
 * active connection (else the sandbox) for the app hosts.
 */
export function cliConnection(given: ConnectionFlags, fallback: 'saved-or-sandbox' | 'aws'): ConnectionRequest {
  const flags = withProfileFromEnvironment(given);
  if (flags.sandbox) return 'sandbox';
  if (flags.profile) {
    return {
      profile: flags.profile,
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpoint ? { endpoint: parseEndpoint(flags.endpoint) } : {}),
      ...sideEndpoints(flags),
    };
  }
  if (!flags.endpoint && !flags.region && fallback === 'saved-or-sandbox') return 'saved-or-sandbox';
  return targetFromFlags(flags);
}

/** An endpoint flag's URL, checked; a bad one is named by its flag. */
export function parseEndpoint(endpoint: string, flag = '--endpoint'): string {
  const checked = checkedEndpoint(endpoint);
  if ('problem' in checked) throw new AppError('invalid-input', `${flag}: ${checked.problem}`);
  return checked.origin;
}

/** The endpoints of the services beside Kinesis that the flags name, each checked. */
function sideEndpoints(flags: ConnectionFlags): { dynamodbEndpoint?: string; glueEndpoint?: string; s3Endpoint?: string } {
  return {
    ...(flags.dynamodbEndpoint ? { dynamodbEndpoint: parseEndpoint(flags.dynamodbEndpoint, '--dynamodb-endpoint') } : {}),
    ...(flags.glueEndpoint ? { glueEndpoint: parseEndpoint(flags.glueEndpoint, '--glue-endpoint') } : {}),
    ...(flags.s3Endpoint ? { s3Endpoint: parseEndpoint(flags.s3Endpoint, '--s3-endpoint') } : {}),
  };
}

type TargetRequest = Extract<ConnectionRequest, { kind: string }>;

/** The target named by --endpoint/--region and the standard AWS environment variables. */
export function targetFromFlags(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env): TargetRequest {
  const dynamodb = sideEndpoints(flags);
  if (flags.endpoint) {
    const region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
    return { kind: 'endpoint', endpoint: parseEndpoint(flags.endpoint), region, ...dynamodb };
  }
  // AWS itself, in the region the flag or the standard AWS environment variables name.
  const region = flags.region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new AppError('invalid-input', 'No AWS region is known.', 'set-region');
  return { kind: 'aws', region, ...dynamodb };
}

export interface BudgetFlags {
  maxCallsPerShard?: number;
}

function parseCallsPerShard(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5)
    throw new InvalidArgumentError('a whole number from 1 to 5 (Kinesis allows 5 reads a second per shard).');
  return n;
}

/** The flag every reading command shares: how many GetRecords calls a second it may make per shard. */
export function withReadBudgetFlag(command: Command): Command {
  return command.option(
    '--max-calls-per-shard <n>',
    "GetRecords calls a second per shard, 1 to 5 (default: the connection's budget, 5 locally, 2 on AWS)",
    parseCallsPerShard,
  );
}

export function readBudgetFlags(flags: BudgetFlags): Partial<ReadBudget> | undefined {
  return flags.maxCallsPerShard ? { callsPerSecond: flags.maxCallsPerShard } : undefined;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export interface LeaseTableFlags {
  leaseTable: string[];
  dynamodbEndpoint?: string;
}

/** The flags of the commands that read KCL lease tables: which tables, and where they are. */
export function withLeaseTableFlags(command: Command): Command {
  return command
    .option('--lease-table <table>', 'a KCL application’s lease table (its application name); repeat for more', collect, [])
    .option('--dynamodb-endpoint <url>', 'where the lease tables are, for a local Kinesis (e.g. http://127.0.0.1:4568)');
}
