/**
 * Browser tests against the real server (built client + tsx server/main.ts), the system Chromium.
 * Two servers: one on the e2e fixture scenario (short and fast, for the full flow) and one on the
 * real scenarios directory. `npm run test:e2e` builds the client first.
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
      // Every browser of every spec comes from 127.0.0.1: one address, which the production limits
      // on creating sessions (3, then 6 a minute) and on open sessions (10) would make the specs
      // queue behind each other. Explicit here, the defaults untouched (README, "Also, when needed").
      CREATE_BURST: '100',
      CREATE_PER_MINUTE: '600',
      MAX_OPEN_SESSIONS_PER_ADDRESS: '200',
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
  // Most of a spec's time is sim time passing, not CPU: four tests at a time (per project below)
  // keep a two-core machine busy. Every test makes its own sessions, so any two may run side by side.
  workers: 4,
  fullyParallel: true,
  retries: 0,
  forbidOnly: CI,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: CI ? [['line']] : [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1600, height: 1000 },
    // A failed test keeps its trace (actions, DOM snapshots, network) but not the trace's
    // screencast: every page here redraws live charts each second, and encoding those frames for
    // every page of every test, to throw them away when it passed, took half the run's CPU
    // (497 s → 278 s for the whole run, docs/benchmarks.md, "CI"). The failure's screenshot stays.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    // The real scenarios' specs are the longer ones: listed first, they start first and take three of the four workers.
    { name: 'real-scenario', workers: 3, testMatch: /real-scenario.*\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${REAL_PORT}` } },
    { name: 'fixture-scenario', workers: 2, testMatch: /(session-flow|debrief(-[a-z-]+)?|problem-pages|rewind|room-[a-z-]+)\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${FIXTURE_PORT}` } },
  ],
  webServer: [
    // Every interface, so join links carry this machine's network address (room-join-link.spec.ts).
    server(FIXTURE_PORT, 'fixture', 'e2e/fixtures/scenarios', '0.0.0.0'),
    server(REAL_PORT, 'real'),
  ],
});
