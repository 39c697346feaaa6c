import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Several tests spawn the CLI or a child process (Node start, a short run): seconds each on a busy 2-core
    // machine, past vitest's 5 s default. A hung test still fails, after 30 s.
    testTimeout: 30_000,
    // Every core: vitest's default leaves one free (cores - 1), which on CI's 2 cores ran one test file
    // at a time (the unit step was ~7.5 of CI's ~18 minutes, with no file ever beside another).
    maxWorkers: os.availableParallelism(),
  },
});
