import { Command, InvalidArgumentError, Option } from 'commander';
import { describeRule, maskActions, maskDetectors, type MaskingState, type MaskRule } from '../../../../shared/contract';
import { call, withCliApp } from '../cli-app';
import { cliConnection, withConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { readMaskingFile } from '../masking-flags';
import { terminalJson, visible } from '../terminal-text';

interface AddOptions extends ConnectionFlags {
  stream?: string;
  path?: string;
  pattern?: string;
  detector?: MaskRule['detector'];
  action: MaskRule['action'];
  runs: boolean;
}

function printState(state: MaskingState, json: boolean | undefined): void {
  if (json) {
    console.log(terminalJson(state));
    return;
  }
  if (state.rules.length === 0) console.log('No masking rules on this connection.');
  for (const rule of state.rules) console.log(visible(`${rule.id}  ${describeRule(rule)}`));
  if (state.unmasked) console.log('The unmasked view is on in this process: views show values in the clear.');
}

const add = withConnectionFlags(
  new Command('add')
    .description("add a masking rule to the connection's rules")
    .option('--stream <name>', 'only this stream (default: every stream of the connection)')
    .option('--path <path>', 'a field path: data.customer.email, data.cards[*].number, partitionKey')
    .option('--pattern <re2>', 'an RE2 pattern matched in every string value')
    .addOption(new Option('--detector <kind>', 'a built-in detector').choices(maskDetectors))
    .addOption(new Option('--action <action>', 'what is done to a match').choices(maskActions).makeOptionMandatory())
    .option('--no-runs', 'runs (ingest) write the field as it is; run.json says so'),
).action((opts: AddOptions) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const selectors = [opts.path, opts.pattern, opts.detector].filter((given) => given !== undefined);
    if (selectors.length !== 1) throw new InvalidArgumentError('give exactly one of --path, --pattern or --detector.');
    const rule = {
      ...(opts.path !== undefined ? { path: opts.path } : {}),
      ...(opts.pattern !== undefined ? { pattern: opts.pattern } : {}),
      ...(opts.detector !== undefined ? { detector: opts.detector } : {}),
      action: opts.action,
      ...(opts.stream ? { stream: opts.stream } : {}),
      ...(opts.runs ? {} : { runs: false }),
    };
    printState(await call(app, 'masking:add', { rule }), false);
  }),
);

const list = withConnectionFlags(
  new Command('list').description("list the connection's masking rules, with their ids").option('--json', 'print the rules as JSON'),
).action((opts: ConnectionFlags & { json?: boolean }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => printState(await call(app, 'masking:list', {}), opts.json)),
);

const remove = withConnectionFlags(
  new Command('remove').description('remove a masking rule by the id mask list shows').argument('<id>', 'the rule id'),
).action((id: string, opts: ConnectionFlags) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => printState(await call(app, 'masking:remove', { id }), false)),
);

const importRules = withConnectionFlags(
  new Command('import')
    .description('add the rules of a JSON file {"rules": [...]} to the connection\'s')
    .argument('<file>', 'the rules file')
    .option('--replace', "put the file's rules in place of the connection's"),
).action((file: string, opts: ConnectionFlags & { replace?: boolean }) =>
  withCliApp(cliConnection(opts, 'aws'), async (app) => {
    const { rules } = readMaskingFile(file);
    printState(await call(app, 'masking:import', { rules, replace: Boolean(opts.replace) }), false);
  }),
);

export const maskCommand = new Command('mask')
  .description('masking rules: fields masked in every view, search, tail and run of a connection')
  .addCommand(add)
  .addCommand(list)
  .addCommand(remove)
  .addCommand(importRules);
