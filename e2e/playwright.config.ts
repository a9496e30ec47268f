import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

// The journeys run against the real server on a fresh SQLite database with demo data, in Debian's
// Chromium (no browser download). A fixed demo password is set only for this test server.
const port = Number(process.env.E2E_PORT ?? 3123);
// One data dir and one web build per run, inside the git-ignored test-results/, wiped by the server
// command itself (the config is loaded by several processes, so it must not create folders).
const root = fileURLToPath(new URL('..', import.meta.url));
// Per port, so that two runs on different ports (e.g. parallel development) do not wipe each other's server.
export const runDir = `test-results/e2e-server-${port}`;
export const DEMO_PASSWORD = 'E2e-Demo-Passw0rd';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Playwright empties its output folder at the start of a run: per port, so it never takes another
  // run's server folder (test-results/e2e-server-<port>) with it.
  outputDir: `test-results/pw-${port}`,
  timeout: 60_000,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `rm -rf ${runDir} && npx vite build --config src/web/vite.config.ts --outDir ${root}${runDir}/web --logLevel warn && npx tsx src/cli/jifang.ts serve --demo`,
    cwd: root,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      JIFANG_DATA_DIR: `${root}${runDir}/data`,
      JIFANG_WEB_DIR: `${root}${runDir}/web`,
      JIFANG_DEMO_PASSWORD: DEMO_PASSWORD,
      JIFANG_PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    },
  },
});
