import { defineConfig } from 'vitest/config';

// Unit, repository, action and route tests. Playwright journeys live in e2e/ and run separately.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['node_modules', 'dist', 'e2e'],
    // Database suites share one PostgreSQL server; files run in parallel but each gets its own schema.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
