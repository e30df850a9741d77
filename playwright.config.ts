/**
 * Browser tests against the real server (built client + tsx server/main.ts), one worker per project, the
 * system Chromium. Two servers: one on the e2e fixture scenario (short and fast, for the full
 * flow) and one on the real scenarios directory. `npm run test:e2e` builds the client first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// E2E_PORT_BASE lets two checkouts run their browser tests side by side without sharing a server.
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 4617);
export const FIXTURE_PORT = PORT_BASE;
export const REAL_PORT = PORT_BASE + 1;
const dataDir = mkdtempSync(path.join(tmpdir(), 'incident-tabletop-e2e-'));
const CI = Boolean(process.env.CI);

function server(port: number, name: string, scenarioDir?: string, host = '127.0.0.1') {
  return {
    command: 'node_modules/.bin/tsx server/main.ts',
    url: `http://127.0.0.1:${port}/healthz`,
    env: {
      PORT: String(port),
      HOST: host,
      DATA_FILE: path.join(dataDir, `${name}.json`),
      ...(scenarioDir ? { SCENARIO_DIR: scenarioDir } : {}),
    },
    reuseExistingServer: !CI,
    timeout: 60_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  };
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  // The two projects run side by side, each on its own server and one test at a time (their specs
  // share a server's rate limits and clock-driven timing); most of a spec's time is sim time passing.
  workers: 2,
  fullyParallel: false,
  retries: 0,
  forbidOnly: CI,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: CI ? [['line']] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1600, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'fixture-scenario', workers: 1, testMatch: /(session-flow|debrief(-[a-z-]+)?|problem-pages|rewind|room-[a-z-]+)\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${FIXTURE_PORT}` } },
    { name: 'real-scenario', workers: 1, testMatch: /real-scenario.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${REAL_PORT}` } },
  ],
  webServer: [
    // Every interface, so join links carry this machine's network address (room-join-link.spec.ts).
    server(FIXTURE_PORT, 'fixture', 'e2e/fixtures/scenarios', '0.0.0.0'),
    server(REAL_PORT, 'real'),
  ],
});
