/**
 * A responder on a 390×844 phone: tabs instead of one 6,500 px column, the clock and firing count
 * always on screen, chat usable by tap, and no page scrolls sideways (landing, join, team picker,
 * console tabs, debrief).
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { createSession } from './support/fixture-session.ts';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const size = await page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    // Name the widest culprit so a failure says what to fix.
    const culprit = [...document.querySelectorAll('body *')].find((el) => el.getBoundingClientRect().right > client + 0.5 && getComputedStyle(el).position !== 'fixed');
    return { scroll: document.documentElement.scrollWidth, client, culprit: culprit ? `${culprit.tagName}.${culprit.className}` : '' };
  });
  expect(size.scroll, `${where}: page is ${size.scroll}px wide on a ${size.client}px screen (${size.culprit})`).toBeLessThanOrEqual(size.client);
}

async function expectOnScreen(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, `${testId} is laid out`).not.toBeNull();
  if (!box) return;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
}

test('a responder on a phone works the console by tap, nothing scrolls sideways', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const { page: phone } = await guard.open('phone', PHONE);

    await phone.goto('/');
    await expectNoSidewaysScroll(phone, 'landing');
    const code = await createSession(host, 1);
    await phone.goto(`/join/${code}`);
    await expectNoSidewaysScroll(phone, 'join');
    await phone.getByLabel('Display name').fill('Bob');
    await phone.getByRole('button', { name: 'Join', exact: true }).tap();
    await expect(phone.getByTestId('team-picker')).toBeVisible();
    await expectNoSidewaysScroll(phone, 'team picker');
    await phone.getByRole('button', { name: 'Join Team 1' }).tap();
    await expect(phone.getByTestId('team-name')).toHaveText('Team 1');
    await expectNoSidewaysScroll(phone, 'console in the lobby');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(phone.getByTestId('clock-status')).toHaveText('Running');
    // The top bar reads "Team 1 · Bob", and the clock and firing count are on screen.
    await expect(phone.locator('.context-team')).toHaveText('Team 1 · Bob');
    await expectOnScreen(phone, 'sim-clock');
    await expectOnScreen(phone, 'top-firing');
    await expect(phone.getByTestId('top-firing')).toContainText('firing', { timeout: 30_000 });
    await expect(phone.getByTestId('top-firing')).toHaveText(/^\d+ firing$/, { timeout: 30_000 });
    await expect(phone).toHaveTitle(/^\(\d+ firing\)/);
    await expectNoSidewaysScroll(phone, 'dashboards tab');
    await shot(phone, 'phone-dashboards');

    for (const tab of ['runbook', 'findings', 'channel'] as const) {
      await phone.getByTestId(`tab-${tab}`).tap();
      await expectNoSidewaysScroll(phone, `${tab} tab`);
    }
    // Chat by tap: type, tap Pin, tap Send.
    await phone.getByLabel('Message to your team').fill('Looking at 5xx by region');
    await phone.getByText('Pin', { exact: true }).tap();
    await phone.getByRole('button', { name: 'Send' }).tap();
    await expect(phone.getByTestId('team-channel')).toContainText('Looking at 5xx by region');
    await expect(phone.getByTestId('team-channel')).toContainText('PINNED');
    await expectOnScreen(phone, 'top-firing');
    await shot(phone, 'phone-channel');

    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    await expect(phone.getByTestId('debrief-link')).toBeVisible();
    await phone.getByTestId('debrief-link').tap();
    await expect(phone.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(phone, 'debrief');
    await shot(phone, 'phone-debrief');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
