/**
 * "Try another path from here", in realistic mode on the real 18 November 2025 scenario at 60×.
 * The original session: Team 1 queries the Workers KV gateway errors at 11:30 as the real team did
 * and says so in the channel, then drifts past 12:00 without finding the cause, and the host ends
 * it. From its debrief the host branches Team 1 at 12:00 (a time not yet played is refused, with
 * the server's reason). The branch opens paused at 12:00 with its join code and QR; a responder
 * joins, sees what the branch carried over marked inherited, and this time works the evidence the
 * reference plan uses (FL2 error logs, then the Bot Management module's inputs), which unlocks
 * pausing the feature file's generation and pinning the known-good file. The branch's debrief
 * puts the original run, the branch and the real responders side by side, with the divergence on
 * every chart and the timeline, and its tree links to the parent (whose debrief links back) and to
 * a branch of the branch made from mission control.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { legendNumber, openRealSession, runInvestigation, takeAction } from './support/real-session.ts';

const NOON = 12 * 3600;

async function endSession(host: Page): Promise<void> {
  await host.getByRole('button', { name: 'End session…' }).click();
  await host.getByRole('button', { name: 'End now' }).click();
  await expect(host.getByTestId('debrief-link')).toBeVisible();
}

test('branch Team 1 at 12:00 from a finished debrief, fix it in the branch, compare three ways', async ({ browser, baseURL }) => {
  // Two sessions at 60× with three 10–15 sim-minute investigations: a few minutes on a quiet machine.
  test.setTimeout(480_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder, code: parentCode } = await openRealSession(guard, 'cloudflare-2025-11-18', 'Nadia');

    // The original run: the KV gateway at 11:30 (the real team's first look), a note, then past 12:00.
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(responder.getByTestId('clock-status')).toHaveText('Running');
    await host.getByRole('button', { name: '+30m' }).click();
    await runInvestigation(responder, 'kv_gateway_errors');
    await responder.getByLabel('Message to your team').fill('Workers KV is erroring: checking its gateway first');
    await responder.getByRole('button', { name: 'Send' }).click();
    await expect(responder.getByTestId('team-channel')).toContainText('checking its gateway first');
    for (const m of [30, 15]) await host.getByRole('button', { name: `+${m}m` }).click();
    await expect(responder.getByTestId('evidence-card').first()).toBeVisible({ timeout: 30_000 });
    await endSession(host);

    // Its debrief: scrub to 12:00; a moment not yet played is refused in the server's words.
    await host.getByTestId('debrief-link').click();
    await expect(host.getByTestId('debrief-headline')).toBeVisible();
    await host.getByTestId('replay-range').fill(String(NOON));
    await expect(host.getByTestId('replay-time')).toHaveText('12:00 UTC');
    await host.getByTestId('branch-open').click();
    const form = host.getByTestId('branch-form');
    await expect(form.getByTestId('branch-team')).toHaveValue('t1');
    await expect(form.getByTestId('branch-time')).toHaveValue('12:00');
    await form.getByTestId('branch-time').fill('18:30');
    // The browser logs the refused request (400) itself.
    await guard.tolerating('host', /status of 400/, async () => {
      await form.getByRole('button', { name: 'Create the branch' }).click();
      await expect(form.getByTestId('branch-error')).toContainText('has only been played to');
    });
    await expectAccessible(host, 'debrief with the branch form and its refusal');
    await form.getByTestId('branch-time').fill('12:00');
    await shot(host, '40-branch-from-debrief');
    await form.getByRole('button', { name: 'Create the branch' }).click();

    // The branch's host console: paused at 12:00, its code and QR first, where it came from in the top bar.
    await expect(host).toHaveURL(/\/host\/[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    await expect(host.getByTestId('branch-of')).toHaveText(`Branch of ${parentCode} at 12:00`);
    await expect(host.getByTestId('join-qr')).toBeVisible();
    const branchCode = (await host.getByTestId('join-code').textContent())?.trim() ?? '';
    expect(branchCode).not.toBe(parentCode);
    await expect(host.getByTestId('branch-banner')).toContainText('12:00');
    await expectAccessible(host, 'branch host console');

    // A responder joins the branch and finds the original run's world, marked inherited.
    await responder.goto(`/join/${branchCode}`);
    await responder.getByLabel('Display name').fill('Priya');
    await responder.getByRole('button', { name: 'Join', exact: true }).click();
    await responder.getByRole('button', { name: 'Join Team 1' }).click();
    await expect(responder.getByTestId('team-name')).toHaveText('Team 1');
    await expect(responder.getByTestId('branch-of')).toHaveText(`Branch of ${parentCode} at 12:00`);
    await expect(responder.getByTestId('clock-status')).toHaveText('Paused');
    await expect(responder.getByTestId('sim-clock')).toContainText('12:00:00 UTC');
    await expect(responder.getByTestId('team-channel').getByTestId('inherited-tag')).toHaveCount(1);
    await expect(responder.getByTestId('evidence-board').getByTestId('inherited-tag').first()).toBeVisible();
    await expect(responder.getByTestId('alert-feed').getByTestId('inherited-tag').first()).toBeVisible();
    await expect(responder.getByTestId('action-stop_feature_generation')).toHaveCount(0);
    await expectAccessible(responder, 'branch responder console');
    await shot(responder, '41-branch-responder-inherited');

    // This time: the FL2 logs, the module's inputs, then pause generation and pin the good file.
    await host.getByRole('button', { name: 'Resume' }).click();
    await host.getByRole('button', { name: '+15m' }).click();
    // Each is a 10-minute investigation: the host skips five of its minutes, the responder only waits.
    await runInvestigation(responder, 'proxy_logs');
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(responder.getByTestId('leads')).toContainText('Bot Management module', { timeout: 30_000 });
    await runInvestigation(responder, 'feature_file_history');
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(responder.getByTestId('action-stop_feature_generation')).toBeVisible({ timeout: 30_000 });
    await takeAction(responder, 'stop_feature_generation');
    await takeAction(responder, 'push_known_good_file');
    await expect(responder.getByTestId('action-log')).toContainText('Pin the Bot Management feature file');
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 60_000 }).toBeLessThan(20);

    // Mission control branches the branch at 12:10 (over the host socket); the host then goes back to end the first.
    const panel = host.getByTestId('branch-panel');
    await panel.getByTestId('branch-open').click();
    await panel.getByTestId('branch-time').fill('12:10');
    await panel.getByRole('button', { name: 'Create the branch' }).click();
    await expect(host.getByTestId('branch-of')).toHaveText(`Branch of ${branchCode} at 12:10`);
    const grandchildCode = (await host.getByTestId('join-code').textContent())?.trim() ?? '';
    await host.goto(`/host/${branchCode}`);
    await expect(host.getByTestId('branch-of')).toHaveText(`Branch of ${parentCode} at 12:00`);
    await endSession(host);

    // The branch's debrief: three runs side by side, the divergence on every chart and the timeline.
    await responder.getByTestId('debrief-link').click();
    await expect(responder.getByTestId('debrief-headline')).toBeVisible();
    await expect(responder.getByTestId('debrief-branch-of')).toContainText(`Branch of ${parentCode} at 12:00`);
    const comparison = responder.getByTestId('branch-comparison');
    await expect(comparison.getByTestId('branch-comparison-original')).toContainText('Team 1, original run');
    await expect(comparison.getByTestId('branch-comparison-branch')).toContainText('this branch');
    await expect(comparison.getByTestId('branch-comparison-real')).toContainText('Real responders');
    const curves = responder.getByTestId('debrief-curves').locator('[data-testid^="debrief-curve-"]');
    const charts = await curves.count();
    expect(charts).toBeGreaterThan(0);
    await expect(responder.getByTestId('divergence-mark')).toHaveCount(charts);
    await expect(responder.getByTestId('divergence-mark').first()).toHaveText('Branched at 12:00');
    await expect(responder.getByTestId('debrief-curves').locator('[role="img"][aria-label*="diverged from the original run at 12:00"]')).toHaveCount(charts);
    const timeline = responder.getByTestId('debrief-timeline');
    await expect(timeline.getByTestId('timeline-divergence')).toContainText('Branched at 12:00');
    await expect(timeline.getByTestId('inherited-tag').first()).toBeVisible();
    await expect(timeline.locator('tr[data-lane="team"]')).toContainText(['Pause generation and propagation of the Bot Management feature file']);
    const tree = responder.getByTestId('branch-tree');
    await expect(tree.getByTestId('branch-tree-self')).toContainText(branchCode);
    await expect(tree.getByTestId('branch-tree-self')).toHaveAttribute('aria-current', 'page');
    await expect(tree.getByTestId('branch-tree-child')).toContainText(`${grandchildCode} — Team 1 from 12:10 (still running)`);
    await expectAccessible(responder, 'branch debrief');
    await shot(responder, '42-branch-debrief');

    // The tree links to the parent, whose debrief lists this branch as its child.
    await tree.getByTestId('branch-tree-parent').getByRole('link', { name: parentCode }).click();
    await expect(responder.getByTestId('branch-tree').getByTestId('branch-tree-child')).toContainText(branchCode);
    await expect(responder.getByTestId('branch-tree').getByTestId('branch-tree-child')).toContainText('Team 1 from 12:00');
    await expect(responder.getByTestId('branch-comparison')).toHaveCount(0);
    await expectAccessible(responder, 'parent debrief with its branch');

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
