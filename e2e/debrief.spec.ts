/**
 * The debrief page on a finished session of the e2e fixture scenario. The session is played over
 * the socket protocol (fast and exact), then a browser opens the permalink: the after-action
 * review, the judged status posts and diagnoses, charts, timeline and comparison are there, both
 * exports download and agree with the page, and moving the replay scrubber changes what the charts
 * show. Then the facilitator reviews it (an improvement item, a mark, points) and the score follows.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { Debrief } from '../server/protocol/debrief.ts';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { playSession } from './support/debrief-session.ts';

const canvasOf = (page: Page, signal: string) => page.getByTestId(`debrief-curve-${signal}`).locator('canvas').first()
  .evaluate((c) => (c as HTMLCanvasElement).toDataURL());

test('the debrief page shows the scored session, exports it, and replays it', async ({ browser, baseURL }) => {
  const { sessionId, code, hostSecret } = await playSession(baseURL as string);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page } = await guard.open('reader');
    await page.goto(`/debrief/${sessionId}`);

    // Headline, curves (uPlot canvases), timeline, comparison with the ghost row.
    await expect(page.getByTestId('debrief-headline')).toBeVisible();
    await expect(page.getByTestId('debrief-rank')).toHaveText('Rank 1 of 2');
    await expect(page.getByTestId('debrief-curves').locator('canvas').first()).toBeVisible();
    expect(await page.getByTestId('debrief-curves').locator('[data-testid^="debrief-curve-"]').count()).toBeGreaterThanOrEqual(2);
    const timeline = page.getByTestId('debrief-timeline');
    await expect(timeline).toContainText('Roll back');
    await expect(timeline).toContainText('A config push');
    const comparison = page.getByTestId('debrief-comparison');
    await expect(comparison.getByTestId('ghost-row')).toContainText('Real responders');
    await expect(comparison.getByTestId('comparison-t1')).toContainText('Blue');
    await expect(comparison.getByTestId('comparison-t2')).toContainText('Red');
    await expect(page.getByTestId('debrief-milestones')).toContainText('ahead');
    await expect(page.getByTestId('debrief-lessons')).toBeVisible();
    // The after-action review: every objective rated, with what was expected and what the team did.
    const aar = page.getByTestId('debrief-aar');
    for (const objective of ['Detect', 'Triage and mitigate impact', 'Diagnose', 'Communicate', 'Recover', 'Avoid harm']) await expect(aar.getByRole('heading', { name: new RegExp(`^${objective}`) })).toBeVisible();
    await expect(aar).toContainText('Expected');
    await expect(aar).toContainText('Areas for improvement');
    await expect(page.getByTestId('debrief-posts')).toContainText('Investigating elevated errors on checkout');
    await expect(page.getByTestId('debrief-posts')).toContainText('accurate');
    // Nobody but the host gets the review forms.
    await expect(page.getByTestId('debrief-review')).toBeVisible();
    await expect(page.getByTestId('review-improvement')).toHaveCount(0);
    await expectAccessible(page, 'debrief');
    await shot(page, 'debrief-01-page');

    // Exports: both download, and say what the page says.
    const score = (await page.getByTestId('debrief-score').textContent())?.trim();
    const [md] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-markdown').click()]);
    expect(md.suggestedFilename()).toMatch(/^debrief-e2e-config-push-.+\.md$/);
    const markdown = await readFile((await md.path())!, 'utf8');
    expect(markdown).toContain('# Debrief: ');
    expect(markdown).toContain(`**Score ${score}**, rank 1 of 2`);
    // The comparison's "vs the real responders" cells are whole phrases, never cut at "ahead of".
    expect(markdown).toMatch(/\| \d+(\.\d+)? points (ahead|behind) \|/);
    expect(markdown).not.toMatch(/ahead of \|/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const doc = JSON.parse(await readFile((await json.path())!, 'utf8')) as Debrief;
    expect(doc.teams.find((t) => t.id === 't1')!.score.total).toBe(Number(score));
    expect(doc.comparison.some((r) => r.ghost)).toBe(true);

    // The scrubber: at 10:08 the bad config is live and Blue has not rolled back yet.
    const impact = doc.signals[0]!.id;
    const endValue = await page.getByTestId(`curve-value-${impact}`).textContent();
    const endCanvas = await canvasOf(page, impact);
    await expect(page.getByTestId('replay-dashboard-time')).toHaveText(doc.endedClock);
    await page.getByTestId('replay-range').fill(String(10 * 3600 + 8 * 60));
    await expect(page.getByTestId('replay-time')).toHaveText('10:08 UTC');
    await expect(page.getByTestId(`curve-value-${impact}`)).not.toHaveText(endValue ?? '');
    await expect.poll(() => canvasOf(page, impact)).not.toBe(endCanvas);
    // The dashboard as it was then: Blue's rollback (10:10) is not there yet, its status update is.
    await expect(page.getByTestId('replay-dashboard-time')).toHaveText('10:08');
    await expect(page.getByTestId('replay-actions')).not.toContainText('rollback');
    await expect(page.getByTestId('replay-actions')).toContainText('done');
    await expect(timeline.locator('tr.row-future').first()).toBeVisible();
    await shot(page, 'debrief-02-scrubbed');

    // Another team, by the selector; then the print stylesheet hides the controls.
    await page.getByTestId('debrief-team-select').selectOption('t2');
    await expect(page.getByTestId('debrief-rank')).toHaveText('Rank 2 of 2');
    await expect(page.getByTestId('debrief-penalties')).toContainText('wrong');
    await expect(page.getByTestId('debrief-posts')).toContainText('Resolved while failing');
    await expect(page.getByTestId('debrief-diagnoses')).toContainText('Wrong');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('replay-scrubber')).toBeHidden();
    await expect(page.getByTestId('debrief-timeline')).toBeVisible();
    // On paper the title comes first, then the comparison table.
    const title = await page.locator('h1').boundingBox();
    const table = await page.locator('.debrief-comparison-section').boundingBox();
    expect(title!.y + title!.height).toBeLessThanOrEqual(table!.y);
    await page.emulateMedia({ media: 'screen' });

    // The facilitator (this browser remembers the host secret for the code) reviews Red after the end.
    const { page: host } = await guard.open('facilitator');
    await host.addInitScript(([c, secret]) => localStorage.setItem(`incident-tabletop:host:${c}`, secret), [code.replace('-', ''), hostSecret] as const);
    await host.goto(`/debrief/${sessionId}?team=t2&code=${code}`);
    await expect(host.getByTestId('debrief-rank')).toHaveText('Rank 2 of 2');
    const before = Number((await host.getByTestId('debrief-score').textContent())?.trim());
    const plan = host.getByTestId('review-improvement');
    await plan.getByLabel('What').fill('Check the change log before calling an attack');
    await plan.getByLabel('Owner').fill('Bob');
    await plan.getByLabel('Due').fill('2026-03-01');
    await plan.getByRole('button', { name: 'Add to the plan' }).click();
    await expect(host.getByTestId('improvement-plan')).toContainText('Check the change log before calling an attack');
    const points = host.getByTestId('review-points');
    await points.getByLabel('Points (negative removes)').fill('25');
    await points.getByLabel('Reason').fill('calm hand-over to the next shift');
    await points.getByRole('button', { name: 'Adjust the score' }).click();
    await expect(host.getByTestId('debrief-score')).toHaveText(String(Math.round((before + 25) * 10) / 10));
    await expect(host.getByTestId('review-log')).toContainText('+25 points: calm hand-over to the next shift');
    await expect(host.getByTestId('debrief-adjustments')).toContainText('calm hand-over');
    await expectAccessible(host, 'debrief with the facilitator\'s forms');
    await shot(host, 'debrief-03-facilitator-review');
    // The exports carry the review too.
    const [reviewed] = await Promise.all([host.waitForEvent('download'), host.getByTestId('export-markdown').click()]);
    const reviewedMd = await readFile((await reviewed.path())!, 'utf8');
    expect(reviewedMd).toContain('| Check the change log before calling an attack | Bob | 2026-03-01 | — |');
    expect(reviewedMd).toContain('### After-action review');

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
