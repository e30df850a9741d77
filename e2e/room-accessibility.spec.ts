/**
 * axe-core on every page of a session, desktop and phone: landing, join, team picker, console,
 * host lobby and mission control, room screen, debrief. The console's skip links reach the
 * dashboards and the channel in one Tab.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { endAndExpectDebriefAccessible, expectAccessible, expectPhoneTabsAccessible } from './support/axe.ts';
import { createSession, takeSeat } from './support/fixture-session.ts';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

test('before the start: landing, host lobby, join, team picker and room screen pass axe', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const { page: alice } = await guard.open('alice');
    const { page: phone } = await guard.open('phone', PHONE);
    const { page: room } = await guard.open('room', PROJECTOR);

    await alice.goto('/');
    await expect(alice.getByTestId('scenario-e2e-config-push')).toBeVisible();
    await expectAccessible(alice, 'landing');
    const code = await createSession(host, 2, 10);
    await expectAccessible(host, 'host lobby');

    await alice.goto(`/join/${code}`);
    await expectAccessible(alice, 'join');
    await alice.getByLabel('Display name').fill('Alice');
    await alice.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(alice.getByTestId('team-picker')).toBeVisible();
    await expectAccessible(alice, 'team picker');

    await phone.goto(`/join/${code}`);
    await expectAccessible(phone, 'join on a phone');

    await room.goto(`/room/${code}`);
    await expect(room.getByTestId('room-join')).toBeVisible();
    await expectAccessible(room, 'room screen (lobby)');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});

test('during and after the run: console (desktop, phone tabs), mission control, room and debrief pass axe', async ({ browser, baseURL }) => {
  test.setTimeout(480_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const { page: alice } = await guard.open('alice');
    const { page: phone } = await guard.open('phone', PHONE);
    const { page: room } = await guard.open('room', PROJECTOR);
    const code = await createSession(host, 1, 10);
    await takeSeat(alice, code, 'Alice', 'Team 1');
    await phone.goto(`/join/${code}`);
    await phone.getByLabel('Display name').fill('Bob');
    await phone.getByRole('button', { name: 'Join', exact: true }).tap();
    await phone.getByRole('button', { name: 'Join Team 1' }).tap();
    await room.goto(`/room/${code}`);

    await host.getByRole('button', { name: 'Start the clock' }).click();
    // Past the first alert (about 10:03) at once; 10× leaves the axe checks time before the end.
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(alice.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 60_000 });
    await expectAccessible(alice, 'console');
    await expectAccessible(host, 'mission control');
    await expect(room.getByTestId('room-team-t1')).toBeVisible();
    await expectAccessible(room, 'room screen');
    await expectPhoneTabsAccessible(phone);

    // Skip links come first in the tab order and land on the dashboards and the channel.
    await alice.reload();
    await expect(alice.getByTestId('alert-feed')).toBeVisible();
    await alice.keyboard.press('Tab');
    await expect(alice.getByRole('link', { name: 'Skip to dashboards' })).toBeFocused();
    await alice.keyboard.press('Tab');
    await expect(alice.getByRole('link', { name: 'Skip to the team channel' })).toBeFocused();
    await alice.keyboard.press('Enter');
    await expect(alice.locator('#channel')).toBeFocused();

    await endAndExpectDebriefAccessible(host, alice, phone);
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
