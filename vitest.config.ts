import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests would otherwise load graphql's ESM build while externalized deps load the CJS one
    // ("Duplicate graphql modules").
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
  },
});
