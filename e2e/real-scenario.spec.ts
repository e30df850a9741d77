/**
 * The real 5 December 2025 Cloudflare scenario at 60×, in realistic mode: its impact starts at
 * 08:47, seven sim minutes in, so a browser sees the whole arc quickly. A host and a responder: the
 * global 5xx panel climbs, a probe returns evidence, the global configuration system's change log
 * shows the killswitch (which puts it among the changes the team can revert and diagnose), a
 * status update (state, components, text) is posted, the FL1 logs name the failing component, a
 * diagnosis cites the two findings, reverting the change brings the curve down, and the host ends
 * the session.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { legendNumber, openRealSession, runInvestigation } from './support/real-session.ts';

test('the 5 December 2025 outage, worked in the browser', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder } = await openRealSession(guard, 'cloudflare-2025-12-05', 'Dana', '10-real-landing');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(responder.getByTestId('clock-status')).toHaveText('Running');
    // About a quarter of HTTP traffic fails from 08:48.
    await expect.poll(() => legendNumber(responder, 'http_5xx_pct'), { timeout: 30_000 }).toBeGreaterThan(15);

    await runInvestigation(responder, 'trace_endpoint_check');
    await expect(responder.getByTestId('evidence-card').first()).toBeVisible({ timeout: 20_000 });
    // Nothing offered names the killswitch before the change log shows it.
    await expect(responder.getByTestId('action-revert_change')).toHaveCount(0);
    for (const part of ['investigations', 'actions', 'diagnosis-form']) await expect(responder.getByTestId(part)).not.toContainText(/kill ?switch|\bLua\b/i);

    const changes = responder.getByTestId('investigation-recent_changes');
    await changes.locator('summary').click();
    await changes.getByLabel('Deployment system').selectOption('global_config');
    await changes.getByRole('button', { name: 'Run investigation' }).click();
    await expect(responder.getByTestId('evidence-card').first()).toContainText("killswitch on the internal WAF testing tool's rule", { timeout: 20_000 });
    await expect(responder.getByTestId('action-revert_change')).toBeVisible();

    // A status post says its state, the components customers see failing, and a message (judged in the debrief).
    const composer = responder.getByTestId('status-composer');
    await composer.getByLabel('State').selectOption('investigating');
    await composer.getByLabel('CDN and WAF (customer sites)').check();
    await composer.getByLabel('Message').fill('We are investigating widespread HTTP 500 errors on customer sites.');
    await responder.getByRole('button', { name: 'Post update' }).click();
    await expect(responder.getByTestId('status-updates')).toContainText('investigating widespread HTTP 500 errors');
    await expect(responder.getByTestId('status-updates')).toContainText('Investigating · CDN and WAF (customer sites)');

    // The FL1 logs: the component the team can name as failing.
    const logs = responder.getByTestId('investigation-proxy_logs');
    await logs.locator('summary').click();
    await logs.getByLabel('Proxy').selectOption('fl1');
    await logs.getByRole('button', { name: 'Run investigation' }).click();
    await expect(responder.getByTestId('evidence-card')).toHaveCount(3, { timeout: 20_000 });
    const ids = await responder.getByTestId('finding-id').allTextContents();

    const diagnosis = responder.getByTestId('diagnosis-form');
    await diagnosis.getByLabel('What triggered it').selectOption('change_waf_killswitch');
    await diagnosis.getByLabel(/What failed/).selectOption('component_fl1_rules_engine');
    await diagnosis.getByLabel('Through which mechanism').selectOption('config_reaches_code_bug');
    // The two newest findings: the FL1 logs and the change log.
    for (const id of ids.slice(0, 2)) await diagnosis.getByTestId(`cite-${id}`).check();
    await diagnosis.getByRole('button', { name: 'Declare diagnosis' }).click();
    await expect(responder.getByTestId('diagnoses')).toContainText(`Citing ${ids.slice(0, 2).join(', ')}`);
    await expect(host.getByTestId('team-column-t1').getByTestId('team-diagnoses')).toContainText('✓ correct, supported');

    const revert = responder.getByTestId('action-revert_change');
    await revert.locator('summary').click();
    await revert.getByLabel('Change').selectOption('change_waf_killswitch');
    await revert.getByRole('button', { name: 'Take action' }).click();
    await expect(responder.getByTestId('action-log')).toContainText('In effect since', { timeout: 20_000 });
    await expect.poll(() => legendNumber(responder, 'http_5xx_pct'), { timeout: 30_000 }).toBeLessThan(5);
    await shot(responder, '11-real-responder-console');
    await shot(host, '12-real-host-mission-control');

    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    for (const p of [host, responder]) await expect(p.getByTestId('debrief-link')).toBeVisible();
    await shot(responder, '13-real-responder-ended');

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
