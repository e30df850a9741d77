/**
 * Mission control opens at the top, its clock panel in view: with the 18 November scenario the
 * lobby's briefing puts "Start the clock" below the fold of a 1440×700 laptop, so the host scrolls
 * down to it; mission control used to open at that offset, the clock panel cut off. After a reload
 * too. And the "What if" form's time box shows its whole "HH:MM".
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';

async function expectClockInView(host: Page, where: string): Promise<void> {
  await expect(host.getByTestId('clock-controls')).toBeVisible();
  await expect.poll(() => host.evaluate(() => window.scrollY), { message: `${where}: opens at the top` }).toBe(0);
  const box = await host.getByTestId('clock-controls').boundingBox();
  const bar = await host.locator('.top-bar').boundingBox();
  const height = host.viewportSize()?.height ?? 0;
  expect(box && bar && box.y >= bar.y + bar.height && box.y + box.height <= height, `${where}: the whole clock panel in view`).toBe(true);
}

test('mission control opens at the top with the clock panel in view', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host', { viewport: { width: 1440, height: 700 } });
    await host.goto('/');
    await host.getByTestId('scenario-cloudflare-2025-11-18').click();
    await host.getByLabel('Teams').fill('2');
    await host.getByRole('button', { name: 'Create session' }).click();
    await expect(host.getByTestId('join-code')).toBeVisible();
    await host.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await host.evaluate(() => window.scrollY), 'the lobby is scrolled down to its Start button').toBeGreaterThan(0);
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(host.getByTestId('team-column-t1')).toBeVisible();
    await expectClockInView(host, 'after the start');
    await expectAccessible(host, 'mission control');
    // The branch form's time box shows the whole "HH:MM".
    await host.getByTestId('branch-open').click();
    await expect(host.getByTestId('branch-time')).toHaveValue(/^\d\d:\d\d$/);
    const room = await host.getByTestId('branch-time').evaluate((el: HTMLInputElement) => {
      const style = getComputedStyle(el);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return { text: ctx.measureText(el.value).width, inside: el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
    });
    expect(room.text, 'the time box fits its "HH:MM"').toBeLessThanOrEqual(room.inside);

    await host.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await host.reload();
    await expectClockInView(host, 'after a reload');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});

