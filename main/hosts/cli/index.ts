import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { AppError, toApiError } from '../../core/app-error';
import { remedyText, suggestionText } from './remedy-text';
import { checkCommand } from './commands/check';
import { describeCommand } from './commands/describe';
import { ingestCommand } from './commands/ingest';
import { searchCommand } from './commands/search';
import { heatCommand } from './commands/heat';
import { profilesCommand } from './commands/profiles';
import { shardForCommand } from './commands/shard-for';
import { capacityCommand } from './commands/capacity';
import { pipelineCommand } from './commands/pipeline';
import { sandboxCommand } from './commands/sandbox';
import { serveCommand } from './commands/serve';
import { statsCommand } from './commands/stats';
import { streamsCommand } from './commands/streams';
import { tailCommand } from './commands/tail';
import { completionCommand } from './commands/completion';
import { changeCommands } from './commands/admin';
import { copyCommand } from './commands/copy';
import { redriveCommand } from './commands/redrive';
import { produceCommand } from './commands/produce';
import { putCommand } from './commands/put';
import { consumersCommand, moveCheckpointCommand } from './commands/consumers';
import { auditCommand } from './commands/audit';
import { maskCommand } from './commands/mask';
import { viewsCommand } from './commands/views';
import { setForcedReadOnly, setQuiet } from './output';
import { appVersion } from './project';
import { redactSecrets } from '../../security/redact';

/** Exit codes: 0 done, 1 the command failed, 2 the command line was wrong, 3 check found missing permissions, 130 interrupted. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command may report an outcome through the exit code (check: 3 when something is missing).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    // Commander prints what its own option parsers refuse and rethrows a plain CommanderError; a
    // flag check made inside an action (flags that go together) reaches here unprinted.
    if (error instanceof InvalidArgumentError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? 0 : 2;
    }
    const known = toApiError(error);
    const remedy = remedyText(known.remedy);
    const offer = error instanceof AppError ? suggestionText(error.suggestions) : null;
    if (error instanceof AppError && error.code === 'invalid-input') {
      console.error(`error: ${error.message}`);
      if (remedy) console.error(remedy);
      return 2;
    }
    const said = error instanceof AppError || known.code !== 'internal' ? known.message : describeUnexpected(error);
    console.error(`error: ${offer ? `${said} ${offer}` : said}`);
    if (remedy) console.error(remedy);
    return 1;
  }
}

/** The whole command tree, built without running it: runCli parses with it and scripts/cli-docs.ts documents it. */
export function buildProgram(): Command {
  const program = new Command('shardscope')
    .description('Shardscope: browse, check, tail, export and write Amazon Kinesis Data Streams')
    .version(appVersion())
    .option('-q, --quiet', 'print results only: no progress, summaries or warnings on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .hook('preAction', (_program, command) => {
      setQuiet(Boolean(program.opts().quiet));
      setForcedReadOnly(Boolean(command.opts().readOnly));
    });
  for (const command of [
    sandboxCommand,
    serveCommand,
    streamsCommand,
    describeCommand,
    shardForCommand,
    capacityCommand,
    checkCommand,
    tailCommand,
    statsCommand,
    ingestCommand,
    pipelineCommand,
    searchCommand,
    heatCommand,
    putCommand,
    produceCommand,
    copyCommand,
    redriveCommand,
    ...changeCommands,
    consumersCommand,
    moveCheckpointCommand,
    profilesCommand,
    auditCommand,
    maskCommand,
    viewsCommand,
  ]) {
    program.addCommand(strict(command));
  }
  program.addCommand(strict(completionCommand(program)));
  return program;
}

/** Usage errors and --help must reach runCli as exceptions at every depth, to set the exit code. */
function strict(command: Command): Command {
  command.exitOverride().showHelpAfterError('(run with --help for usage)');
  for (const sub of command.commands) strict(sub);
  return command;
}

function describeUnexpected(error: unknown): string {
  if (error instanceof Error && (error as { code?: string }).code === 'EADDRINUSE') return 'that port is already in use.';
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
