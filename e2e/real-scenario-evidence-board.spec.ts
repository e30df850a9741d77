/**
 * The evidence board on a 1440×900 desktop with the longest real scenario (18 November): after
 * "Review recent changes" and the FL2 logs, the findings come first and the newest is read whole,
 * on screen and unclipped by any scrolling box around it; the leads follow as compact chips.
 */
import { expect, test, type Locator } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { openRealSession, runInvestigation } from './support/real-session.ts';

/** What hides part of an element: the viewport's edges, or an ancestor that clips its overflow. */
function clipping(locator: Locator): Promise<string[]> {
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const out: string[] = [];
    const inside = (r: { top: number; bottom: number; left: number; right: number }) =>
      box.top >= r.top - 0.5 && box.bottom <= r.bottom + 0.5 && box.left >= r.left - 0.5 && box.right <= r.right + 0.5;
    if (!inside({ top: 0, left: 0, bottom: innerHeight, right: innerWidth })) out.push(`the viewport (${Math.round(box.top)}–${Math.round(box.bottom)} of ${innerHeight})`);
    for (let a = el.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const r = a.getBoundingClientRect();
      if (!inside(r)) out.push(`${a.tagName.toLowerCase()}.${a.className} (${Math.round(r.top)}–${Math.round(r.bottom)}, finding ${Math.round(box.top)}–${Math.round(box.bottom)})`);
    }
    return out;
  });
}

test('18 November at 1440×900: the findings come first and are read without scrolling a box; leads are chips', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder } = await openRealSession(guard, 'cloudflare-2025-11-18', 'Nadia');
    await responder.setViewportSize({ width: 1440, height: 900 });
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(responder.getByTestId('clock-status')).toHaveText('Running');
    for (const m of [30, 30, 30, 15]) await host.getByRole('button', { name: `+${m}m` }).click();

    await runInvestigation(responder, 'change_log');
    await expect(responder.getByTestId('evidence-card').first()).toContainText('explicit grants on the underlying r0 tables', { timeout: 30_000 });
    await runInvestigation(responder, 'proxy_logs');
    // A 10-minute investigation: the host skips five of its minutes, the responder only waits.
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(responder.getByTestId('evidence-card')).toHaveCount(2, { timeout: 30_000 });
    await expect(responder.getByTestId('lead').first()).toBeVisible();

    const board = responder.getByTestId('evidence-board');
    const newest = board.getByTestId('evidence-card').first();
    await expect(newest).toContainText('thread fl2_worker_thread panicked');
    // The newest finding, its table included, is on screen whole: nothing to scroll to read it.
    expect(await clipping(newest)).toEqual([]);
    // Findings first: the leads sit under the last finding.
    const lastCard = await board.getByTestId('evidence-card').last().boundingBox();
    const leads = await board.getByTestId('leads').boundingBox();
    expect(leads!.y).toBeGreaterThanOrEqual(lastCard!.y + lastCard!.height);
    // Leads are compact chips: at most two short lines each (the change log alone yields dozens).
    const heights = await board.getByTestId('lead').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(10);
    for (const h of heights) expect(h).toBeLessThanOrEqual(44);
    await shot(responder, 'evidence-board-1440');
    await expectAccessible(responder, 'responder console with findings and leads at 1440×900');

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
