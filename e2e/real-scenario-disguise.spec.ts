/**
 * Disguised play of 18 November in the browser: the host picks "Play it disguised"; the lobby on
 * the projector, the responder's console and the room screen show only the fictional names; the
 * lobby's briefing never holds the answer, and mission control shows it only after a deliberate
 * "Show the answer"; the facilitator sees which alias stands for which real name.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { createDisguisedSession, expectNoRealName as noRealName, joinDisguised } from './support/disguised-session.ts';
import { PROJECTOR } from './support/room-screen.ts';

/** 18 November's real names, as a post-mortem reader would spot them. */
const REAL = /Cloudflare|ClickHouse|Bot Management|\bFL2\b|Workers KV|Turnstile|\bWARP\b|\bAccess\b|18 November|2025-11-18/;
const DISGUISED_TITLE = 'Nimbus edge outage on a Tuesday';

const expectNoRealName = (page: Page, where: string) => noRealName(page, REAL, where);

test('a disguised lobby, console and room; the briefing keeps the answer for a deliberate click', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, code } = await createDisguisedSession(guard, 'cloudflare-2025-11-18');

    // The lobby is what the projector shows beside the join code: the aliases, and no answer.
    await expect(host.locator('.context-title')).toHaveText(DISGUISED_TITLE);
    await expect(host.getByTestId('disguised-badge')).toBeVisible();
    await expect(host.getByTestId('briefing')).toContainText('Nimbus');
    await expect(host.getByTestId('briefing')).not.toContainText(/Do not reveal|answer/i);
    await expectNoRealName(host, 'the host lobby');
    await expectAccessible(host, 'disguised host lobby');
    await shot(host, 'disguise-01-lobby');

    const responder = await joinDisguised(guard, code, 'Ada');
    await expect(responder.locator('.context-title')).toHaveText(DISGUISED_TITLE);

    const { page: room } = await guard.open('room', PROJECTOR);
    await room.goto(`/room/${code}`);
    await expect(room.getByRole('heading', { level: 1 })).toHaveText(DISGUISED_TITLE);
    await expect(room.getByTestId('disguised-badge')).toBeVisible();
    await expectNoRealName(room, 'the room screen');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    // Skip to 11:30 and play until the first alert (11:31) reaches the console: signals, feed and
    // runbook are all on screen.
    await host.getByRole('button', { name: '+30m' }).click();
    await expect(responder.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 90_000 });
    await expectNoRealName(responder, 'the responder console');
    await expectNoRealName(room, 'the room screen during play');
    await expectAccessible(responder, 'disguised responder console');
    await shot(responder, 'disguise-02-console');

    // Mission control: the facilitator sees the real names, the alias table, and the answer only on request.
    await expect(host.locator('.context-title')).toContainText('Cloudflare');
    const disguise = host.getByTestId('disguise-panel');
    await disguise.locator('summary').click();
    await expect(disguise).toContainText('Nimbus');
    await expect(disguise).toContainText('Cloudflare');
    const briefing = host.getByTestId('briefing');
    await briefing.locator('summary').click();
    await expect(briefing).toContainText('Situation');
    await expect(host.getByTestId('briefing-answer')).toHaveCount(0);
    await expect(briefing).not.toContainText('ClickHouse permission change');
    await briefing.getByRole('button', { name: 'Show the answer' }).click();
    await expect(host.getByTestId('briefing-answer')).toContainText('ClickHouse permission change');
    await expectAccessible(host, 'mission control with the answer shown');
    await shot(host, 'disguise-03-mission-control');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
