/**
 * The room screen at /room/:code, on a 1920×1080 projector: the join QR while the lobby is open,
 * then each team's headline and the leaderboard — and never the truth the host sees.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { createSession, takeSeat } from './support/fixture-session.ts';

const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

test('the room screen shows each team, the leaderboard and injects, never the truth', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 2);
    const { page: room } = await guard.open('room', PROJECTOR);
    const { page: alice } = await guard.open('alice');
    await takeSeat(alice, code, 'Alice', 'Team 1');

    await room.goto(`/room/${code}`);
    await expect(room.getByTestId('room-join')).toBeVisible();
    await expect(room.getByTestId('room-join')).toContainText(code);
    await expect(room.getByRole('heading', { level: 1 })).toHaveCount(1);

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(room.getByTestId('room-join')).toBeHidden();
    await expect(room.getByTestId('room-team-t1')).toContainText('Team 1');
    await expect(room.getByTestId('room-team-t2')).toContainText('Team 2');
    await expect(room.getByTestId('room-team-t1')).toContainText(/[1-9] alerts? firing/, { timeout: 30_000 });
    await expect(room.getByTestId('room-leaderboard').locator('li')).toHaveCount(2);

    // A broadcast inject lands on the room screen.
    const injects = host.getByTestId('inject-panel');
    await injects.getByLabel('Inject').selectOption({ label: 'Write your own…' });
    await injects.getByLabel('Title').fill('Press enquiry');
    await injects.getByLabel('Text').fill('A reporter asks whether checkout is down.');
    await injects.getByRole('button', { name: 'Send inject' }).click();
    await expect(room.getByTestId('room-injects')).toContainText('Press enquiry');

    // Nothing the host's truth panels say appears on the room screen.
    await expect(host.getByTestId('truth').first()).toBeVisible();
    const truths = [
      ...(await host.getByTestId('truth').allInnerTexts()).flatMap((t) => t.split('\n')),
      ...(await host.getByTestId('real-timeline').locator('li').allInnerTexts()).map((t) => t.replace(/^\d\d:\d\d\s*/, '')),
    ].map((t) => t.trim()).filter((t) => t.length > 12 && !/^truth$/i.test(t));
    expect(truths.length).toBeGreaterThan(2);
    const roomText = await room.locator('body').innerText();
    for (const t of truths) expect(roomText, `room screen shows the truth: "${t}"`).not.toContain(t);

    // Readable from the back: no text under 18 px.
    const small = await room.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''))
      .filter((el) => Number.parseFloat(getComputedStyle(el).fontSize) < 18 && (el as HTMLElement).offsetParent !== null)
      .map((el) => `${el.tagName}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 30)} (${getComputedStyle(el).fontSize})`));
    expect(small).toEqual([]);
    await shot(room, 'room-1920');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
