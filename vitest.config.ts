import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'scenarios/**/*.test.ts', 'client/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Vitest's default (one fewer than the cores) is one worker on a two-core CI machine, which
    // leaves a core idle: the main process only schedules and reports.
    maxWorkers: availableParallelism(),
  },
});
