/**
 * Guided mode, for first-timers and demos: the 18 November 2025 scenario with the whole runbook
 * there from 11:00 (the specific tools, the fix, every diagnosis option), none of it marked new.
 * The fix works at once; the debrief says which mode the team played.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { legendNumber, openRealSession, takeAction } from './support/real-session.ts';

test('the 18 November 2025 outage in guided mode: everything is there from the start', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder } = await openRealSession(guard, 'cloudflare-2025-11-18', 'Grace', undefined, 'guided');
    await expect(host.getByTestId('session-mode')).toHaveText('Guided mode');

    for (const id of ['feature_file_history', 'generation_query', 'clickhouse_cluster', 'proxy_logs']) await expect(responder.getByTestId(`investigation-${id}`)).toBeVisible();
    for (const id of ['stop_feature_generation', 'push_known_good_file', 'restart_core_proxy']) await expect(responder.getByTestId(`action-${id}`)).toBeVisible();
    await expect(responder.getByTestId('diagnosis-form').getByLabel('What triggered it').locator('option[value="change_clickhouse_grants"]')).toHaveCount(1);
    await expect(responder.getByTestId('new-badge')).toHaveCount(0);
    await shot(responder, '18-18nov-guided-1100');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await host.getByRole('button', { name: '+30m' }).click();
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 40_000 }).toBeGreaterThan(20);
    await takeAction(responder, 'stop_feature_generation');
    await takeAction(responder, 'push_known_good_file');
    await takeAction(responder, 'restart_core_proxy');
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 40_000 }).toBeLessThan(3);

    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    await responder.getByTestId('debrief-link').click();
    await expect(responder.getByTestId('debrief-mode')).toHaveText('Guided mode');
    await expect(responder.getByTestId('debrief-comparison')).toBeVisible();

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
