/**
 * `npm run screenshots`: the README's pictures, taken from a real session so anyone can rerun
 * them. Starts the server in this process on 127.0.0.1 (real scenarios, memory storage), drives
 * the system Chromium through the 18 November scenario with a host, a desktop responder, a phone
 * responder and a projector, and writes docs/screenshots/*.png. Needs the built client.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadScenarios, DEFAULT_SCENARIO_DIR } from '../../server/scenario-registry/load-scenarios.ts';
import { MemoryStore } from '../../server/storage/memory-store.ts';
import { startServer } from '../../server/transport/create-server.ts';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots');
const SCENARIO = 'cloudflare-2025-11-18';

async function open(browser: Browser, base: string, viewport: { width: number; height: number }, phone = false): Promise<Page> {
  const context = await browser.newContext({ baseURL: base, viewport, ...(phone ? { hasTouch: true, isMobile: true } : {}) });
  return context.newPage();
}

async function seat(page: Page, code: string, name: string, team: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: `Join ${team}` }).click();
  await page.getByTestId('team-name').filter({ hasText: team }).waitFor();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const catalog = await loadScenarios(DEFAULT_SCENARIO_DIR);
  const server = await startServer({ catalog, store: new MemoryStore(), host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const host = await open(browser, server.url, { width: 1600, height: 1000 });
    await host.goto('/');
    await host.getByTestId(`scenario-${SCENARIO}`).click();
    await host.getByLabel('Teams').fill('2');
    await host.getByLabel('Speed').selectOption('60');
    await host.getByRole('button', { name: 'Create session' }).click();
    const code = ((await host.getByTestId('join-code').textContent()) ?? '').trim();

    const alice = await open(browser, server.url, { width: 1600, height: 1000 });
    const bob = await open(browser, server.url, { width: 390, height: 844 }, true);
    const carol = await open(browser, server.url, { width: 1600, height: 1000 });
    const room = await open(browser, server.url, { width: 1920, height: 1080 });
    await seat(alice, code, 'Alice', 'Team 1');
    await seat(bob, code, 'Bob', 'Team 1');
    await seat(carol, code, 'Carol', 'Team 2');
    await room.goto(`/room/${code}`);

    await host.getByRole('button', { name: 'Start the clock' }).click();
    // Skip to the first wave of errors: alerts firing, curves moving.
    for (let i = 0; i < 1; i++) await host.getByRole('button', { name: '+30m' }).click();
    await alice.getByTestId('alert-feed').getByText('FIRING').first().waitFor({ timeout: 60_000 });
    const investigation = alice.getByTestId('investigations').locator('details').first();
    await investigation.locator('summary').click();
    await investigation.getByRole('button', { name: 'Run investigation' }).click();
    await host.getByRole('button', { name: '+15m' }).click();
    await alice.waitForTimeout(4000);
    await room.waitForTimeout(2500);

    await alice.screenshot({ path: path.join(OUT, 'console-desktop.png') });
    await bob.screenshot({ path: path.join(OUT, 'console-phone.png') });
    await room.screenshot({ path: path.join(OUT, 'room-1920x1080.png') });
    await host.screenshot({ path: path.join(OUT, 'host-mission-control.png') });

    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    await alice.getByTestId('debrief-link').click();
    await alice.getByTestId('debrief-headline').waitFor({ timeout: 60_000 });
    await alice.waitForTimeout(1500);
    await alice.screenshot({ path: path.join(OUT, 'debrief.png') });
    // The debrief on the projector: the presentation view's comparison and curves.
    const debriefUrl = new URL(alice.url());
    for (const [section, name] of [[1, 'debrief-present-comparison'], [3, 'debrief-present-curves']] as const) {
      debriefUrl.searchParams.set('present', String(section));
      await room.goto(debriefUrl.pathname + debriefUrl.search);
      await room.getByTestId('present-progress').filter({ hasText: `${section} / 5` }).waitFor({ timeout: 60_000 });
      await room.waitForTimeout(1000);
      await room.screenshot({ path: path.join(OUT, `${name}.png`) });
    }
    console.log(`screenshots written to ${path.relative(process.cwd(), OUT)}/`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
