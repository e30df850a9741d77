/**
 * The room screen at /room/:code on a 1920×1080 projector: laid out for it (cards fill the width
 * for 2 and 8 teams, the clock large, no text under 28 px, one screen tall); no score or rank while
 * the session runs, the ranking once it has ended; injects every team received, even sent to each
 * in turn; a team rewound alone shown with its own clock and how far behind it runs; never the truth.
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { createSession, takeSeat } from './support/fixture-session.ts';
import { measureRoom, PROJECTOR } from './support/room-screen.ts';

async function expectLaidOut(room: Page, teams: number): Promise<void> {
  const m = await measureRoom(room);
  expect(m.small, 'text under 28 px').toEqual([]);
  expect(m.cards).toBe(teams);
  expect(m.spanned, 'the cards fill the width').toBeGreaterThan(0.95);
  expect(m.firstRow, 'their first row too').toBeGreaterThan(0.95);
  expect(m.bottom, 'and use the height').toBeGreaterThan(0.8);
  expect(m.bottom, 'on one screen').toBeLessThanOrEqual(1);
  expect(m.scrolls).toBe(false);
  // The clock is the largest thing on the screen.
  const clockPx = await room.locator('.room-clock-time').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(clockPx).toBeGreaterThanOrEqual(80);
}

async function sendInject(host: Page, team: string, label: string): Promise<void> {
  const injects = host.getByTestId('inject-panel');
  await injects.getByRole('radio', { name: label }).check();
  await injects.getByRole('combobox').selectOption({ label: team });
  await injects.getByRole('button', { name: 'Send inject' }).click();
}

test('2 teams: laid out for the projector, no score before the end, the ranking after, never the truth', async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    // 20×: the fixture's two hours last six real minutes, so a loaded machine still ends the
    // session by the host's hand, not by the clock.
    const code = await createSession(host, 2, 20);
    const { page: room } = await guard.open('room', PROJECTOR);
    const { page: alice } = await guard.open('alice');
    await takeSeat(alice, code, 'Alice', 'Team 1');

    await room.goto(`/room/${code}`);
    await expect(room.getByTestId('room-join')).toContainText(code);
    await expect(room.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(room.getByTestId('room-team-t1').getByTestId('room-players')).toHaveText('Alice');
    await expectLaidOut(room, 2);
    await expectAccessible(room, 'room screen, lobby, 2 teams');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(room.getByTestId('room-join')).toBeHidden();
    // Past the first alert (about 10:03).
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(room.getByTestId('room-team-t1')).toContainText(/[1-9] alerts? firing/, { timeout: 30_000 });
    await expectLaidOut(room, 2);

    // No verdict, no score and no rank while the session runs.
    await expect(room.getByTestId('room-rank')).toHaveCount(0);
    await expect(room.getByTestId('room-score')).toHaveCount(0);
    await expect(room.getByTestId('room-final')).toHaveCount(0);
    await expect(room.locator('body')).not.toContainText(/\bpts\b|[Cc]orrect diagnosis|[Mm]ilestone|[Ll]eaderboard/);

    // A library inject sent to each team in turn, at different minutes, is the room's news once both have it.
    await sendInject(host, 'Team 1', 'HINT Hint');
    await expect(host.getByText('Inject delivered to 1 team').first()).toBeVisible();
    // A poll later, still not the room's news.
    await room.waitForResponse((r) => r.url().includes('/api/rooms/'));
    await expect(room.locator('body')).not.toContainText('Look at what changed');
    await sendInject(host, 'Team 2', 'HINT Hint');
    await expect(room.getByTestId('room-injects')).toContainText('Look at what changed');

    // Nothing the host's truth panels say appears on the room screen.
    await expect(host.getByTestId('truth').first()).toBeVisible();
    const truths = [
      ...(await host.getByTestId('truth').allInnerTexts()).flatMap((t) => t.split('\n')),
      ...(await host.getByTestId('real-timeline').locator('li').allInnerTexts()).map((t) => t.replace(/^\d\d:\d\d\s*/, '')),
    ].map((t) => t.trim()).filter((t) => t.length > 12 && !/^truth$/i.test(t));
    expect(truths.length).toBeGreaterThan(2);
    const roomText = await room.locator('body').innerText();
    for (const t of truths) expect(roomText, `room screen shows the truth: "${t}"`).not.toContain(t);
    await expectAccessible(room, 'room screen during play');
    await shot(room, 'room-1920-2-teams');

    // The end: the ranking, from the debrief, on every card.
    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    await expect(room.getByTestId('room-final')).toBeVisible({ timeout: 20_000 });
    await expect(room.getByTestId('room-rank')).toHaveCount(2);
    await expect(room.getByTestId('room-score')).toHaveCount(2);
    await expectLaidOut(room, 2);
    await expectAccessible(room, 'room screen after the end');
    await shot(room, 'room-1920-ended');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});

test('8 teams fill the projector, text never under 28 px', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 8);
    const { page: room } = await guard.open('room', PROJECTOR);
    await room.goto(`/room/${code}`);
    await expect(room.getByTestId('room-join')).toBeVisible();
    await expectLaidOut(room, 8);
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(room.getByTestId('room-join')).toBeHidden();
    await expect(room.getByTestId('room-team-t8')).toContainText(/[1-9] alerts? firing/, { timeout: 30_000 });
    await expectLaidOut(room, 8);
    await expectAccessible(room, 'room screen, 8 teams');
    await shot(room, 'room-1920-8-teams');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});

test('a team rewound alone shows its own clock and how far behind the session it runs', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 2);
    const { page: room } = await guard.open('room', PROJECTOR);
    await room.goto(`/room/${code}`);
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(room.getByTestId('room-clock')).toContainText(/10:0[4-9]|10:[1-5]\d/, { timeout: 30_000 });

    const control = host.getByTestId('rewind-control');
    await control.getByLabel('Team').selectOption({ label: 'Team 2' });
    await control.getByLabel('To (UTC)').fill('10:01');
    await control.getByRole('button', { name: 'Rewind…' }).click();
    await control.getByRole('button', { name: 'Rewind Team 2 to 10:01' }).click();

    const behind = room.getByTestId('room-team-t2').getByTestId('room-behind');
    await expect(behind).toContainText(/its clock 10:01, [3-9] min behind|its clock 10:01, [1-5]\d min behind/);
    await expect(room.getByTestId('room-team-t1').getByTestId('room-behind')).toHaveCount(0);
    await expectLaidOut(room, 2);
    await shot(room, 'room-1920-rewound');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
