#!/usr/bin/env node
// The SDK's notice about future Node versions is not the user's concern on every command.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};

const { runCli } = await import('./index');
process.exitCode = await runCli(process.argv.slice(2));
