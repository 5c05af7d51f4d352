import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Test files share a worker's module cache instead of re-importing the SDKs per file (each
    // @alicloud client is large): the suite runs in about two thirds of the time on two cores.
    // Tests build their own state (builders, fresh stores, their own servers on port 0), so
    // nothing leaks from one file to the next; a test that changes process.env restores it.
    isolate: false,
    testTimeout: 20000,
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
  },
});
