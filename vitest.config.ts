import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Several tests spawn the CLI or a child process (Node start, a short run): seconds each on a busy 2-core
    // machine, past vitest's 5 s default. A hung test still fails, after 30 s.
    testTimeout: 30_000,
  },
});
