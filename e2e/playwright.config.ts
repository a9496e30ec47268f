import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The journeys run against the real server on a fresh SQLite database with demo data, in Debian's
// Chromium (no browser download). A fixed demo password is set only for this test server.
const port = Number(process.env.E2E_PORT ?? 3123);
const dataDir = mkdtempSync(join(tmpdir(), 'jifang-e2e-'));
export const DEMO_PASSWORD = 'E2e-Demo-Passw0rd';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
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
    command: 'npm run build:web && npx tsx src/cli/jifang.ts serve --demo',
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      JIFANG_DATA_DIR: dataDir,
      JIFANG_DEMO_PASSWORD: DEMO_PASSWORD,
      JIFANG_PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    },
  },
});
