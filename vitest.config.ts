import { defineConfig } from 'vitest/config';

/**
 * Integration files that measure time: rates, read budgets, quiet windows, how soon a stop lands,
 * how many records a paced run wrote before it was interrupted. On a 2-core machine a second file
 * beside them steals the CPU their clocks assume, so they run one at a time, after the rest.
 */
const timingSensitive = [
  'admin',
  'cli-profiles',
  'cli-tail-busy',
  'connection-per-caller',
  'consumers',
  'copy-stop',
  'heat',
  'metrics',
  'plan-tokens-produce',
  'read-budget',
  'read-only',
  'redrive-s3-write',
  'run-folders',
  'runs-crash',
  'runs-first-hour',
  'runs-full-disk',
  'runs-partitioned',
  'runs-s3',
  'sandbox',
  'sandbox-consumers',
  'sessions',
  'writes-cli',
].map((name) => `test/integration/${name}.test.ts`);

export default defineConfig({
  test: {
    // The SDK's notice about future Node versions would drown the test output on Node 20.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'renderer/**/*.test.ts'],
          environment: 'node',
          // Vitest's default leaves one of CI's two cores idle.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: timingSensitive,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time: most of their time is spent waiting on servers and child processes,
          // so two share a 2-core machine well. After the unit tests, not beside them.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'integration-alone',
          include: timingSensitive,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
