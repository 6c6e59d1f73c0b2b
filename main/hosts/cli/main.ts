#!/usr/bin/env node
// The SDK's notice about future Node versions is not the user's concern on every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import module from 'node:module';
import { nodeVersionProblem } from '../../core/node-version';
import { guardTerminal } from './terminal-text';

// Said before the commands load: on an older Node they would fail with a syntax or API error instead.
const tooOld = nodeVersionProblem();
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(1);
}

// Node 22 keeps the compiled code of the bundle on disk, so a second start skips most parsing.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Before any command prints: record, lease and AWS text reaches the terminal with its controls escaped.
guardTerminal();

// `shardscope tail … | head -5`: the reader went away, which is the usual way for output to end.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Scripts ask this often; it needs none of the commands, which load lazily below.
  const { appVersion } = await import('./project');
  process.stdout.write(`${appVersion()}\n`);
} else {
  const { runCli } = await import('./index');
  process.exitCode = await runCli(args);
}
