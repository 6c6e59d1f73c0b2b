import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The SDK's notice about future Node versions would drown the test output on Node 20.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'renderer/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real servers and child processes: one file at a time keeps a 2-core machine honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
