/**
 * The flagship: the real 18 November 2025 Cloudflare scenario at 60×. The host skips to 11:20;
 * the responder watches the global 5xx panel climb, finds the 11:05 ClickHouse grant in the change
 * log, stops feature-file generation, pushes the last known-good file and restarts the proxy, and
 * sees the curve fall and stay down (no relapse: generation is stopped). Diagnosis, then the end.
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { legendNumber, openRealSession } from './support/real-session.ts';

async function takeAction(page: Page, id: string): Promise<void> {
  const card = page.getByTestId(`action-${id}`);
  await card.locator('summary').click();
  await card.getByRole('button', { name: 'Take action' }).click();
}

test('the 18 November 2025 outage, worked in the browser', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder } = await openRealSession(guard, 'cloudflare-2025-11-18', 'Nadia');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(responder.getByTestId('clock-status')).toHaveText('Running');
    await host.getByRole('button', { name: '+15m' }).click();
    await host.getByRole('button', { name: '+5m' }).click();
    // The first bad feature file reaches the edge in the late 11:20s: FL2 traffic answers 5xx.
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 40_000 }).toBeGreaterThan(20);
    expect(await legendNumber(responder, 'kv_error_rate')).toBeGreaterThan(5);

    const changes = responder.getByTestId('investigation-change_log');
    await changes.locator('summary').click();
    await changes.getByRole('button', { name: 'Run investigation' }).click();
    await expect(responder.getByTestId('evidence-card').first()).toContainText('explicit grants on underlying r0 tables', { timeout: 20_000 });

    await takeAction(responder, 'stop_feature_generation');
    await takeAction(responder, 'push_known_good_file');
    await takeAction(responder, 'restart_core_proxy');
    await expect(responder.getByTestId('action-log')).toContainText('Force a restart of the core proxy');
    // Good file everywhere and nothing generating a bad one: the curve falls and stays down.
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 40_000 }).toBeLessThan(3);
    await responder.waitForTimeout(8_000);
    expect(await legendNumber(responder, 'http_5xx_global')).toBeLessThan(3);

    const diagnosis = responder.getByTestId('diagnosis-form');
    await diagnosis.getByLabel('What triggered it').selectOption('change_clickhouse_grants');
    await diagnosis.getByLabel('Through which mechanism').selectOption('generated_file_over_limit');
    await diagnosis.getByRole('button', { name: 'Declare diagnosis' }).click();
    await expect(host.getByTestId('team-column-t1').getByTestId('team-diagnoses')).toContainText('✓ correct');
    await shot(responder, '14-18nov-responder-console');
    await shot(host, '15-18nov-host-mission-control');

    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    for (const p of [host, responder]) await expect(p.getByTestId('debrief-link')).toBeVisible();

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
