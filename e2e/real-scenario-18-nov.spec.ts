/**
 * The flagship, in realistic mode (the default): the real 18 November 2025 Cloudflare scenario at
 * 60×. At 11:00 the runbook is the generic on-call toolbox: nothing in it names the feature file,
 * ClickHouse or the fix. The responder works the evidence as the real team did: the FL2 error logs
 * point at the Bot Management module, whose inputs then appear in the runbook marked new; they show
 * the oversized feature file, which unlocks pausing its generation and pinning it to a previous
 * version; the change log lists the day's changes. The fix brings the 5xx curve down and keeps it
 * down; the diagnosis names a change the team found; mission control lists the team's leads.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { legendNumber, openRealSession, runInvestigation, simMinutes, takeAction } from './support/real-session.ts';

const SPOILER = /feature[- ]file|ClickHouse|Bot Management|200[- ]feature/i;

test('the 18 November 2025 outage in realistic mode: the runbook grows with the evidence', async ({ browser, baseURL }) => {
  // Three investigations of 5–10 sim minutes each at 60×, then the recovery: about 3 minutes on an
  // idle machine, much more when the CPU is shared (every click waits for live charts to render).
  test.setTimeout(420_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder } = await openRealSession(guard, 'cloudflare-2025-11-18', 'Nadia');

    // 11:00, a new responder: the generic toolbox, no cause-naming tool or option, nothing new yet.
    await expect(responder.getByTestId('investigation-proxy_logs')).toBeVisible();
    await expect(responder.getByTestId('investigation-change_log')).toBeVisible();
    for (const id of ['feature_file_history', 'generation_query', 'clickhouse_cluster']) await expect(responder.getByTestId(`investigation-${id}`)).toHaveCount(0);
    for (const id of ['stop_feature_generation', 'push_known_good_file']) await expect(responder.getByTestId(`action-${id}`)).toHaveCount(0);
    for (const part of ['investigations', 'actions', 'diagnosis-form']) await expect(responder.getByTestId(part)).not.toContainText(SPOILER);
    await expect(responder.getByTestId('new-badge')).toHaveCount(0);
    await expect(responder.getByTestId('diagnosis-form').getByLabel('What triggered it').locator('option[value="change_clickhouse_grants"]')).toHaveCount(0);
    await shot(responder, '16-18nov-realistic-1100');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(responder.getByTestId('clock-status')).toHaveText('Running');
    // To about 12:45, when the real team queried the FL2 logs.
    for (const m of [30, 30, 30, 15]) await host.getByRole('button', { name: `+${m}m` }).click();
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 40_000 }).toBeGreaterThan(20);

    // The FL2 logs: panics in the Bot Management module. Its inputs appear, marked new, with what revealed them.
    // (While a 10-minute investigation runs, the host skips five of its minutes: the responder only waits.)
    await runInvestigation(responder, 'proxy_logs');
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(responder.getByTestId('evidence-card').first()).toContainText('thread fl2_worker_thread panicked', { timeout: 30_000 });
    await expect(responder.getByTestId('leads')).toContainText('Bot Management module');
    await expect(responder.getByTestId('leads')).toContainText('Query core proxy error logs');
    const inputs = responder.getByTestId('investigation-feature_file_history');
    await expect(inputs.getByTestId('new-badge')).toBeVisible();
    await expect(inputs).toContainText('revealed');
    await expect(inputs).toContainText('Query core proxy error logs');
    await expect(responder.getByTestId('action-stop_feature_generation')).toHaveCount(0);

    // Opening it is seeing it: no longer new. Its evidence shows the feature file; pausing and pinning it appear.
    await runInvestigation(responder, 'feature_file_history');
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(inputs.getByTestId('new-badge')).toHaveCount(0);
    await expect(responder.getByTestId('action-stop_feature_generation').getByTestId('new-badge')).toBeVisible({ timeout: 30_000 });
    await expect(responder.getByTestId('action-push_known_good_file')).toBeVisible();
    await expect(responder.getByTestId('leads')).toContainText('feature file');

    await runInvestigation(responder, 'change_log');
    await expect(responder.getByTestId('evidence-card').first()).toContainText('explicit grants on the underlying r0 tables', { timeout: 30_000 });

    await takeAction(responder, 'stop_feature_generation');
    await takeAction(responder, 'push_known_good_file');
    await takeAction(responder, 'restart_core_proxy');
    await expect(responder.getByTestId('action-log')).toContainText('Force a restart of the core proxy');
    // Good file everywhere and nothing generating a bad one: the curve falls under the main-impact
    // line (10%) and stays there; what is left comes from downstream services stuck since 11:30.
    await expect.poll(() => legendNumber(responder, 'http_5xx_global'), { timeout: 60_000 }).toBeLessThan(10);
    // Ten sim minutes later (the host skips five of them), still under.
    const fell = await simMinutes(responder);
    await host.getByRole('button', { name: '+5m' }).click();
    await expect.poll(() => simMinutes(responder), { timeout: 30_000 }).toBeGreaterThanOrEqual(fell + 10);
    expect(await legendNumber(responder, 'http_5xx_global')).toBeLessThan(10);

    // The trigger is one of the changes the team found, the failing artefact one of its finds, the
    // mechanism a generic failure class; the three findings (logs, file versions, change log) back it.
    const diagnosis = responder.getByTestId('diagnosis-form');
    await diagnosis.getByLabel('What triggered it').selectOption('change_clickhouse_grants');
    await diagnosis.getByLabel(/What failed/).selectOption('artefact_feature_file');
    await diagnosis.getByLabel('Through which mechanism').selectOption('generated_file_over_limit');
    for (const id of await responder.getByTestId('evidence-card').getByTestId('finding-id').allTextContents()) await diagnosis.getByTestId(`cite-${id}`).check();
    await diagnosis.getByRole('button', { name: 'Declare diagnosis' }).click();
    const column = host.getByTestId('team-column-t1');
    await expect(column.getByTestId('team-diagnoses')).toContainText('✓ correct, supported');
    await expect(column.getByTestId('team-leads')).toContainText('Bot Management module');
    await expect(column.getByTestId('team-leads')).toContainText('found by Query core proxy error logs');
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
