/**
 * The responder's top bar with the longest real scenario (18 November): one line on a 1440 px
 * desktop (the join code, "Alert me" and the clock's "UTC" never wrap), at most 120 px on a 390×844
 * phone, and on the phone every button, link, checkbox, select, field and disclosure a responder
 * taps is at least 44×44 px — the toast's "×" and the Pin and "Alert me" checkboxes included — on
 * every tab, each of which passes axe.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { joinOnPhone, openRealSession } from './support/real-session.ts';

const TAP_TARGETS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"]';

/** Every visible tap target on screen that is under 44×44 px, named so a failure says what to fix. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.locator(TAP_TARGETS).evaluateAll((elements) => elements.flatMap((el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const shown = box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && box.right > 0 && box.left < innerWidth && box.bottom > 0;
    if (!shown || (box.width >= 44 && box.height >= 44)) return [];
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    return [`${el.tagName.toLowerCase()}.${el.className} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`];
  }));
}

async function height(locator: Locator): Promise<number> {
  return (await locator.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
}

test('18 November: the top bar is one line at 1440 px, under 120 px on a phone, and every phone target is 44 px', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, responder, code } = await openRealSession(guard, 'cloudflare-2025-11-18', 'Dana Longname-Fairweather');
    await responder.setViewportSize({ width: 1440, height: 900 });
    const phone = await joinOnPhone(guard, code, 'Bob');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await host.getByRole('button', { name: '+30m' }).click();
    await expect(responder.getByTestId('top-firing')).toHaveText(/^\d+ firing$/, { timeout: 90_000 });

    // Desktop: one line, nothing in it wrapped.
    const bar = responder.locator('.top-bar');
    expect(await height(bar)).toBeLessThanOrEqual(60);
    const line = await bar.boundingBox();
    for (const part of [responder.locator('.context-code'), responder.locator('.alert-toggle'), responder.getByTestId('sim-clock'), responder.getByTestId('top-firing'), responder.locator('.context-team')]) {
      const box = await part.boundingBox();
      expect(box, 'laid out').not.toBeNull();
      if (!box || !line) continue;
      expect(box.height, `${await part.textContent()} on one line`).toBeLessThanOrEqual(34);
      expect(box.y).toBeGreaterThanOrEqual(line.y);
      expect(box.y + box.height).toBeLessThanOrEqual(line.y + line.height);
    }
    const time = await responder.locator('.sim-clock-time').boundingBox();
    expect(time?.height, 'the clock and its "UTC" on one line').toBeLessThanOrEqual(34);
    await expect(responder.locator('.context-code')).toHaveText(code);
    await shot(responder, 'top-bar-desktop-1440');

    // Phone: two rows at most, and the clock, team and firing count on screen; also when the
    // firing badge reads its widest ("none firing" between two bursts).
    expect(await height(phone.locator('.top-bar'))).toBeLessThanOrEqual(120);
    const widest = await phone.getByTestId('top-firing').evaluate((badge) => {
      const shown = badge.textContent;
      badge.textContent = 'none firing';
      const tall = document.querySelector('.top-bar')?.getBoundingClientRect().height ?? Infinity;
      badge.textContent = shown;
      return tall;
    });
    expect(widest, 'with "none firing"').toBeLessThanOrEqual(120);
    await expect(phone.getByTestId('sim-clock')).toBeInViewport();
    await expect(phone.getByTestId('top-firing')).toBeInViewport();
    await expect(phone.locator('.context-team')).toHaveText('Team 1 · Bob');

    for (const tab of ['dashboards', 'runbook', 'findings', 'channel'] as const) {
      await phone.getByTestId(`tab-${tab}`).tap();
      if (tab === 'runbook') {
        // Open an investigation and an action: their forms are tapped too.
        await phone.getByTestId('investigations').locator('details').first().locator('summary').tap();
        await phone.getByTestId('actions').locator('details').first().locator('summary').tap();
      }
      if (tab === 'channel') {
        await phone.getByLabel('Message to your team').fill('Looking at 5xx by region');
        await phone.getByText('Pin', { exact: true }).tap();
        await expect(phone.getByLabel('Pin')).toBeChecked();
      }
      expect(await smallTargets(phone), `${tab} tab: tap targets under 44 px`).toEqual([]);
      await expectAccessible(phone, `phone console, ${tab}`);
    }
    // "Alert me" taps like any other control, and a toast's "×" is a 44 px target too.
    await phone.getByLabel('Alert me').tap();
    await expect(phone.getByLabel('Alert me')).toBeChecked();
    await phone.getByRole('button', { name: 'Send' }).tap();
    await phone.getByTestId('tab-runbook').tap();
    const investigation = phone.getByTestId('investigations').locator('details').first();
    await investigation.locator('summary').tap();
    await investigation.getByRole('button', { name: 'Run investigation' }).tap();
    const dismiss = phone.getByRole('button', { name: 'Dismiss' }).first();
    await expect(dismiss).toBeVisible();
    // The toast goes by itself after 4 s: measure and tap it first, the screenshot after.
    expect(await smallTargets(phone), 'with a toast: tap targets under 44 px').toEqual([]);
    expect(await height(phone.locator('.top-bar'))).toBeLessThanOrEqual(120);
    await dismiss.tap();
    await expect(dismiss).toBeHidden();
    await shot(phone, 'top-bar-phone-390');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
