// Bundles the CLI into one ES module that starts without tsx: dist/cli/shardscope.mjs, the `bin`
// of the package. Dependencies with native parts or files of their own stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: { shardscope: 'main/hosts/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  // The commands load as a chunk of their own: `--version` starts without parsing them.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native code (the keychain, DuckDB for pipeline checks), servers with native optional parts (the sandbox's kinesalite and dynalite), and s3rver, whose CommonJS requires and deep imports only the sandbox loads.
  external: ['@napi-rs/keyring', 'kinesalite', 'dynalite', 's3rver', '@duckdb/node-api'],
  // Bundled CommonJS dependencies call require(); an ES module has none until it is made.
  banner: {
    js: "import { createRequire as __shardscopeRequire } from 'node:module'; const require = __shardscopeRequire(import.meta.url);",
  },
});
