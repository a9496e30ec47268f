#!/usr/bin/env node
// `npm test`: typecheck, then every suite — unit/repository/route tests (vitest, on SQLite and, when
// TEST_DATABASE_URL is set, PostgreSQL), then the Chromium journeys (Playwright).
// Outside CI a missing PostgreSQL or Chromium skips that suite with a notice; in CI (CI=true)
// nothing may be skipped, so a missing one fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

const ci = !!process.env.CI;
const out = mkdtempSync(join(tmpdir(), 'jifang-test-'));
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0;
let failed = 0;
let skipped = 0;

if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0 || run('npx', ['tsc', '--noEmit', '-p', 'src/web/tsconfig.json']) !== 0) {
  console.error('typecheck failed');
  process.exit(1);
}

if (!process.env.TEST_DATABASE_URL) {
  if (ci) {
    console.error('CI: TEST_DATABASE_URL is not set; the PostgreSQL suites must run');
    process.exit(1);
  }
  console.log('note: TEST_DATABASE_URL not set — database suites run on SQLite only (see README to add PostgreSQL)');
}

const vitestJson = join(out, 'vitest.json');
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let e2e = 0;
if (existsSync(chromium)) {
  const pwJson = join(out, 'playwright.json');
  // A free port for the journeys' server, so a developer's running instance cannot collide with it.
  const port = await new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address();
      srv.close(() => resolve(p));
    });
  });
  e2e = run('npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
    E2E_PORT: process.env.E2E_PORT ?? String(port),
    CHROMIUM_PATH: chromium,
  });
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats;
    passed += s.expected;
    failed += s.unexpected + s.flaky;
    skipped += s.skipped;
  } else if (e2e !== 0) failed += 1;
} else if (ci) {
  console.error(`CI: Chromium not found at ${chromium}; the browser journeys must run`);
  process.exit(1);
} else {
  console.log(`note: Chromium not found at ${chromium} — browser journeys skipped (apt-get install chromium fonts-wqy-microhei)`);
}

// The plain closing line CI reads.
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unit !== 0 || e2e !== 0 || failed > 0 ? 1 : 0);
