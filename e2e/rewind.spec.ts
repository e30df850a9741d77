/**
 * A rewind in a live session on the e2e fixture scenario at 60×: Team 1 finds the 10:02 config
 * push, the host rewinds Team 1 alone to 10:01, and Alice's console jumps back (banner, clock,
 * finding gone, curves as they were at 10:01) while Team 2 keeps its time. The debrief then shows
 * the abandoned line, faded, as a facilitator intervention.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { createSession, legendNumber, takeSeat } from './support/fixture-session.ts';

test('the host rewinds one team and its responder console jumps back', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const { page: alice } = await guard.open('alice');
    const { page: bob } = await guard.open('bob');
    const code = await createSession(host, 2);
    await takeSeat(alice, code, 'Alice', 'Team 1');
    await takeSeat(bob, code, 'Bob', 'Team 2');
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(alice.getByTestId('clock-status')).toHaveText('Running');

    // After 10:02 the bad config is live: Alice finds it.
    await expect.poll(() => legendNumber(alice, 'error_rate'), { timeout: 20_000 }).toBeGreaterThan(20);
    const recentChanges = alice.getByTestId('investigation-recent_changes');
    await recentChanges.locator('summary').click();
    await recentChanges.getByRole('button', { name: 'Run investigation' }).click();
    await expect(alice.getByTestId('evidence-card').first()).toContainText('One config push today, at 10:02', { timeout: 20_000 });

    // The host rewinds Team 1 alone to 10:01, confirming first.
    const control = host.getByTestId('rewind-control');
    await control.getByLabel('Team').selectOption({ label: 'Team 1' });
    await control.getByLabel('To (UTC)').fill('10:01');
    await control.getByRole('button', { name: 'Rewind…' }).click();
    await expect(host.getByTestId('rewind-confirm')).toContainText('Rewind Team 1 to 10:01 UTC?');
    await control.getByRole('button', { name: 'Rewind Team 1 to 10:01' }).click();

    // Alice's console jumps back: banner, clock at 10:01, the finding gone, the curves as at 10:01.
    await expect(alice.getByTestId('rewind-banner')).toContainText('The facilitator rewound to 10:01 UTC.');
    await expect(alice.getByTestId('sim-clock')).toContainText('10:01:00');
    await expect(alice.getByTestId('clock-status')).toHaveText('Paused');
    await expect(alice.getByTestId('evidence-board')).not.toContainText('One config push today');
    await expect(alice.getByTestId('evidence-card')).toHaveCount(0);
    await expect.poll(() => legendNumber(alice, 'error_rate')).toBeLessThan(5);
    await shot(alice, 'rewind-01-responder-rewound');
    await expectAccessible(alice, 'responder console with the rewind banner');

    // Team 2 was not rewound: no banner, its clock is where the session is.
    await expect(bob.getByTestId('clock-status')).toHaveText('Paused');
    await expect(bob.getByTestId('rewind-banner')).toHaveCount(0);
    const bobClock = (await bob.getByTestId('sim-clock').textContent()) ?? '';
    expect(bobClock).not.toContain('10:01:00');
    await expect(host.getByTestId('team-time-t1')).toContainText('10:01:00');
    await shot(host, 'rewind-02-host');

    // Resumed, Team 1 plays on from 10:01 behind Team 2.
    await host.getByRole('button', { name: 'Resume' }).click();
    await expect(alice.getByTestId('clock-status')).toHaveText('Running');
    await expect(alice.getByTestId('sim-clock')).toContainText(/10:0[1-3]:\d\d/);

    // The debrief lists the rewind as an intervention with the abandoned line.
    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    await alice.getByTestId('debrief-link').click();
    const rewinds = alice.getByTestId('debrief-rewinds');
    await expect(rewinds).toContainText('rewound to 10:01');
    await expect(rewinds.getByTestId('abandoned-branch')).toContainText('Inspect recent changes');
    // Team 1's run stops behind the session's end: its curves' legend still gives a value (and when).
    const legend = alice.getByTestId('debrief-curves').locator('[data-testid^="curve-value-"]');
    expect(await legend.count()).toBeGreaterThan(0);
    for (const value of await legend.allTextContents()) expect(value).toMatch(/\d/);
    await shot(alice, 'rewind-03-debrief');

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
