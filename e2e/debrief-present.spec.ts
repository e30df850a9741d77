/**
 * The debrief's presentation view on a 1920×1080 projector: a toggle opens it, it walks the room
 * through five sections one at a time (the comparison with the real responders, the timeline side
 * by side, the curves, the objectives and lessons, the branches) with no text under 28 px, each
 * passing axe; the arrows, PageUp/PageDown and the buttons move, Esc leaves, and a section can be
 * linked to. On the curves the team's line is drawn over the real responders' band.
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { playSession } from './support/debrief-session.ts';
import { PROJECTOR, smallText } from './support/room-screen.ts';

const SECTIONS = ['comparison', 'timeline', 'curves', 'review', 'branches'];

/**
 * Pixels of the team's colour (#73bf69, untinted) in the first columns of a curve's plot, where the
 * team and the real responders still run together: only there if the team is drawn on top.
 */
function teamPixelsAtStart(page: Page, signal: string): Promise<number> {
  return page.getByTestId(`debrief-curve-${signal}`).locator('.uplot').evaluate((plot) => {
    const canvas = plot.querySelector('canvas') as HTMLCanvasElement;
    const over = plot.querySelector('.u-over') as HTMLElement;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const ctx = canvas.getContext('2d')!;
    let found = 0;
    for (let dx = 2; dx <= 12; dx += 2) {
      const x = Math.round((over.offsetLeft + dx) * ratio);
      const { data } = ctx.getImageData(x, 0, 1, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - 0x73) <= 10 && Math.abs(data[i + 1]! - 0xbf) <= 10 && Math.abs(data[i + 2]! - 0x69) <= 10) found++;
      }
    }
    return found;
  });
}

test('the debrief presents itself to the room, one section at a time, in large type', async ({ browser, baseURL }) => {
  const { sessionId } = await playSession(baseURL as string);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page } = await guard.open('projector', PROJECTOR);
    await page.goto(`/debrief/${sessionId}`);
    await page.getByTestId('present-toggle').click();
    const progress = page.getByTestId('present-progress');

    // Every section in turn, moved by the right arrow, PageDown and the Next button.
    const moves = [() => page.keyboard.press('ArrowRight'), () => page.keyboard.press('PageDown'), () => page.getByTestId('present-next').click(), () => page.keyboard.press('ArrowRight')];
    for (const [i, id] of SECTIONS.entries()) {
      await expect(progress).toContainText(`${i + 1} / 5`);
      await expect(page).toHaveURL(new RegExp(`[?&]present=${i + 1}(&|$)`));
      await expect(page.getByTestId(`present-section-${id}`)).toBeVisible();
      expect(await smallText(page, 28), `section ${i + 1}: no text under 28 px at 1920×1080`).toEqual([]);
      await expectAccessible(page, `the presentation, section ${i + 1} (${id})`);
      await shot(page, `debrief-present-${i + 1}-${id}`);
      await moves[i]?.();
    }
    const section = (id: string) => page.getByTestId(`present-section-${id}`);
    await expect(section('branches')).toContainText('No branch was tried from this session yet');

    // At the end Next is off and the arrow goes nowhere; back with PageUp, Previous and the left arrow.
    await expect(page.getByTestId('present-next')).toBeDisabled();
    await page.keyboard.press('ArrowRight');
    await expect(progress).toContainText('5 / 5');
    await page.keyboard.press('PageUp');
    await expect(section('review')).toContainText('After-action review');
    await expect(section('review').getByTestId('debrief-lessons')).toBeVisible();
    await page.getByTestId('present-previous').click();
    await expect(section('curves').locator('canvas').first()).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(section('timeline')).toContainText('Roll back');
    await page.keyboard.press('ArrowLeft');
    await expect(section('comparison').getByTestId('ghost-row')).toContainText('Real responders');
    await expect(page.getByTestId('present-previous')).toBeDisabled();

    // Esc leaves for the whole page, and the URL forgets the presentation.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('debrief-present')).toHaveCount(0);
    await expect(page.getByTestId('debrief-headline')).toBeVisible();
    expect(new URL(page.url()).searchParams.has('present')).toBe(false);

    // A link opens a section directly, for the team it names; the team is drawn over the ghost.
    await page.goto(`/debrief/${sessionId}?team=t2&present=3`);
    await expect(progress).toContainText('3 / 5');
    await expect(page.getByTestId('debrief-team-select')).toHaveValue('t2');
    const curves = section('curves').locator('[data-testid^="debrief-curve-"]');
    expect(await curves.count()).toBeGreaterThanOrEqual(2);
    const signal = ((await curves.first().getAttribute('data-testid')) ?? '').replace('debrief-curve-', '');
    await expect.poll(() => teamPixelsAtStart(page, signal)).toBeGreaterThan(0);
    await expect(section('curves').getByTestId(`curve-value-${signal}`)).toHaveText(/\d/);

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
