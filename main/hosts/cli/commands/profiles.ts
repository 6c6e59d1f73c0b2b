import { Command, Option } from 'commander';
import type { ProfileView, SaveProfileInput } from '../../../../shared/contract';
import { AppError } from '../../../core/app-error';
import { call, withCliApp } from '../cli-app';
import { note } from '../output';
import { promptLine, readSecretLines } from '../prompt';
import { terminalJson } from '../terminal-text';
import { registryFlagsGiven, registryFromFlags, registrySecretQuestion, withRegistryFlags, type RegistryFlags } from '../registry-flags';

const secretLabel: Record<ProfileView['secret'], string> = {
  keychain: 'secret in keychain',
  session: 'secret for this session only',
  missing: 'secret missing',
  none: '',
};

/** The registry a connection reads Confluent schema ids from, with where its secret is; never the secret. */
function describeRegistry(profile: ProfileView): string {
  const registry = profile.schemaRegistry;
  if (!registry) return '';
  const auth = registry.auth.kind === 'basic' ? `basic ${registry.auth.username}` : registry.auth.kind;
  const secret = registry.auth.kind === 'none' ? '' : `, ${secretLabel[profile.registrySecret ?? 'missing']}`;
  return `schema registry ${registry.url} (${auth}${secret})`;
}

function describeSource(profile: ProfileView): string {
  switch (profile.source.type) {
    case 'access-keys':
      return `access key ${profile.source.accessKeyId} (${secretLabel[profile.secret]})`;
    case 'aws-profile':
      return `AWS profile ${profile.source.awsProfile}`;
    case 'default-chain':
      return 'default AWS credential chain';
  }
}

/** Profile commands manage saved connections without opening one. */
const onlyProfiles = 'none' as const;

const list = new Command('list')
  .description('list saved connections')
  .option('--json', 'print them as JSON')
  .action((opts: { json?: boolean }) =>
    withCliApp(onlyProfiles, async (app) => {
      const { profiles, problems } = await call(app, 'connections:list', {});
      for (const problem of problems) note(`warning: ${problem}`);
      if (opts.json) {
        console.log(terminalJson(profiles, 2));
        return;
      }
      if (profiles.length === 0) console.log('No saved connections. Add one with `shardscope profiles add`.');
      for (const profile of profiles) {
        const { callsPerSecond, mibPerSecond } = profile.readBudget ?? {};
        const budget = [callsPerSecond && `${callsPerSecond} reads/s per shard`, mibPerSecond && `${mibPerSecond} MiB/s per shard`]
          .filter(Boolean)
          .join(', ');
        console.log(
          `${profile.name}\t${profile.region}\t${profile.endpoint ?? 'AWS'}\t${describeSource(profile)}${budget ? `\t${budget}` : ''}${profile.readOnly ? '\tread-only' : ''}${profile.schemaRegistry ? `\t${describeRegistry(profile)}` : ''}`,
        );
      }
    }),
  );

interface AddOptions extends RegistryFlags {
  region: string;
  endpoint?: string;
  dynamodbEndpoint?: string;
  glueEndpoint?: string;
  s3Endpoint?: string;
  accessKeyId?: string;
  awsProfile?: string;
  defaultChain?: boolean;
  maxCallsPerShard?: number;
  maxMibPerShard?: number;
  readOnly?: boolean;
}

const add = new Command('add')
  .description(
    'save a connection; with --access-key-id the secret access key (and an optional session token on a second line) is read from standard input, then any schema registry password or token',
  )
  .argument('<name>', 'a name for the connection')
  .requiredOption('--region <region>', 'AWS region')
  .option('--endpoint <url>', 'a custom Kinesis endpoint')
  .option('--dynamodb-endpoint <url>', 'where its KCL lease tables are (a local DynamoDB beside a local Kinesis)')
  .option('--glue-endpoint <url>', 'where its Glue Schema Registry calls go (a local stand-in); default: AWS_ENDPOINT_URL_GLUE, else AWS')
  .option('--s3-endpoint <url>', 'where its S3 calls go (a local S3), addressed path-style; default: AWS_ENDPOINT_URL_S3, else AWS')
  .addOption(
    new Option('--access-key-id <id>', 'use access keys; the secret is read from standard input').conflicts(['awsProfile', 'defaultChain']),
  )
  .addOption(new Option('--aws-profile <profile>', 'use a profile from ~/.aws/config or ~/.aws/credentials').conflicts(['defaultChain']))
  .option('--default-chain', 'use the default AWS credential chain (environment, web identity, instance roles)')
  .option(
    '--max-calls-per-shard <n>',
    'read budget: GetRecords calls a second per shard, 1 to 5 (default 5 on a local endpoint, 2 on AWS)',
    Number,
  )
  .option('--max-mib-per-shard <n>', 'read budget: MiB a second per shard, up to 2 (default: none of our own)', Number)
  .option('--read-only', 'refuse every write (put, produce, copy, stream changes) on this connection');

withRegistryFlags(add, { removable: false }).action((name: string, opts: AddOptions) =>
  withCliApp(onlyProfiles, async (app) => {
    const sources = [opts.accessKeyId, opts.awsProfile, opts.defaultChain].filter(Boolean).length;
    if (sources !== 1) throw new AppError('invalid-input', 'Give exactly one of --access-key-id, --aws-profile or --default-chain.');
    const input: SaveProfileInput = {
      profile: {
        name,
        region: opts.region,
        endpoint: opts.endpoint ?? null,
        dynamodbEndpoint: opts.dynamodbEndpoint ?? null,
        glueEndpoint: opts.glueEndpoint ?? null,
        s3Endpoint: opts.s3Endpoint ?? null,
        source: opts.accessKeyId
          ? { type: 'access-keys', accessKeyId: opts.accessKeyId }
          : opts.awsProfile
            ? { type: 'aws-profile', awsProfile: opts.awsProfile }
            : { type: 'default-chain' },
        readBudget:
          opts.maxCallsPerShard !== undefined || opts.maxMibPerShard !== undefined
            ? { callsPerSecond: opts.maxCallsPerShard ?? null, mibPerSecond: opts.maxMibPerShard ?? null }
            : null,
        readOnly: Boolean(opts.readOnly),
        schemaRegistry: registryFromFlags(opts, null) ?? null,
      },
    };
    const registryQuestion = registrySecretQuestion(input.profile.schemaRegistry);
    const questions = [
      ...(opts.accessKeyId ? ['Secret access key: ', 'Session token (Enter for none): '] : []),
      ...(registryQuestion ? [registryQuestion] : []),
    ];
    const answers = questions.length > 0 ? await readSecretLines(questions) : [];
    if (opts.accessKeyId) {
      const [secretAccessKey, sessionToken] = answers;
      if (!secretAccessKey) throw new AppError('invalid-input', 'No secret access key on standard input.');
      input.secret = { secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
    }
    if (registryQuestion) input.registrySecret = registrySecretOf(answers.at(-1));
    const saved = await call(app, 'connections:save', input).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'keychain-unavailable') {
        throw new AppError(
          error.code,
          `${error.message}\nShardscope never writes a secret to disk: use --aws-profile or --default-chain here, or add the keys where a keychain runs.`,
        );
      }
      throw error;
    });
    console.log(`Saved "${saved.name}": ${[describeSource(saved), describeRegistry(saved)].filter(Boolean).join('; ')}.`);
  }),
);

function registrySecretOf(line: string | undefined): string {
  if (!line) throw new AppError('invalid-input', 'No schema registry password or token on standard input.');
  return line;
}

async function confirmRemoval(name: string): Promise<void> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new AppError(
      'invalid-input',
      `Refusing to remove "${name}" and its keychain entry without confirmation: there is no terminal to ask on. Pass --yes to go ahead.`,
    );
  }
  const answer = await promptLine(`Remove the connection "${name}" and its keychain entry? [y/N] `);
  if (!/^y(es)?$/i.test(answer)) throw new AppError('invalid-input', 'Nothing was removed.');
}

const remove = new Command('remove')
  .description('remove a saved connection and its keychain entry, after asking')
  .argument('<name>')
  .option('-y, --yes', 'remove without asking (required without a terminal)')
  .action((name: string, opts: { yes?: boolean }) =>
    withCliApp(onlyProfiles, async (app) => {
      // A secret in the keychain cannot be brought back: the user says so first.
      if (!opts.yes) await confirmRemoval(name);
      await call(app, 'connections:remove', { name });
      console.log(`Removed "${name}".`);
    }),
  );

const test = new Command('test')
  .description('check that a saved connection works (STS GetCallerIdentity on AWS, ListStreams on an endpoint)')
  .argument('<name>')
  .action((name: string) =>
    withCliApp(onlyProfiles, async (app) => {
      const result = await call(app, 'connections:test', { name });
      if (!result.ok) {
        throw new AppError('credentials', result.fix ? `${result.message}\nTo fix it, run: ${result.fix}` : result.message);
      }
      console.log(result.account ? `ok: account ${result.account}, ${result.arn}` : `ok: ${result.message}`);
    }),
  );

const set = new Command('set')
  .description(
    'change a saved connection: make it read-only or writable again, set its S3 endpoint, or set its schema registry (a password or token is read from standard input)',
  )
  .argument('<name>')
  .addOption(new Option('--read-only', 'refuse every write on this connection').conflicts('writable'))
  .option('--writable', 'allow writes again')
  .option('--s3-endpoint <url>', "where its S3 calls go (a local S3), addressed path-style; 'none' for AWS_ENDPOINT_URL_S3, else AWS");

type SetOptions = { readOnly?: boolean; writable?: boolean; s3Endpoint?: string } & RegistryFlags;

withRegistryFlags(set, { removable: true }).action((name: string, opts: SetOptions) =>
  withCliApp(onlyProfiles, async (app) => {
    if (!opts.readOnly && !opts.writable && opts.s3Endpoint === undefined && !registryFlagsGiven(opts))
      throw new AppError('invalid-input', 'Give --read-only, --writable, --s3-endpoint or the schema registry flags.');
    const { profiles } = await call(app, 'connections:list', {});
    const profile = profiles.find((p) => p.name === name);
    if (!profile) throw new AppError('not-found', `There is no saved connection named "${name}".`);
    const { secret: _secret, registrySecret: _registrySecret, ...stored } = profile;
    const registry = registryFromFlags(opts, profile.schemaRegistry);
    const input: SaveProfileInput = {
      originalName: name,
      profile: {
        ...stored,
        ...(opts.readOnly || opts.writable ? { readOnly: Boolean(opts.readOnly) } : {}),
        ...(registry !== undefined ? { schemaRegistry: registry } : {}),
        ...(opts.s3Endpoint !== undefined ? { s3Endpoint: opts.s3Endpoint === 'none' ? null : opts.s3Endpoint } : {}),
      },
    };
    const question = registry ? registrySecretQuestion(registry) : null;
    if (question) input.registrySecret = registrySecretOf((await readSecretLines([question]))[0]);
    const saved = await call(app, 'connections:save', input);
    if (opts.readOnly || opts.writable)
      console.log(`"${name}" is now ${opts.readOnly ? 'read-only: Shardscope refuses every write on it' : 'writable'}.`);
    if (opts.s3Endpoint !== undefined)
      console.log(
        saved.s3Endpoint ? `"${name}" sends its S3 calls to ${saved.s3Endpoint}.` : `"${name}" has no S3 endpoint of its own now.`,
      );
    if (registry !== undefined)
      console.log(
        registry ? `"${name}" reads Confluent schema ids from ${describeRegistry(saved)}.` : `"${name}" has no schema registry now.`,
      );
  }),
);

export const profilesCommand = new Command('profiles')
  .description('manage saved connections (secrets live in the OS keychain)')
  .addCommand(list)
  .addCommand(add)
  .addCommand(set)
  .addCommand(remove)
  .addCommand(test);
