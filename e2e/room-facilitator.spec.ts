/**
 * The facilitator's day: a briefing to read before the start, per-team timers, and a milestone
 * shown "confirming…" while its sustained recovery is not long enough yet — End warns about it.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { createSession, takeSeat } from './support/fixture-session.ts';

test('End warns about a milestone that is still confirming', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 1);
    const { page: alice } = await guard.open('alice');
    await takeSeat(alice, code, 'Alice', 'Team 1');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(host.getByTestId('team-timers')).toContainText('no alert yet');
    await expect(alice.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 30_000 });
    await expect(host.getByTestId('team-timers')).toContainText(/Since first alert\s*\d+ min ago/);

    const rollback = alice.getByTestId('action-rollback_config');
    await rollback.locator('summary').click();
    await rollback.getByRole('button', { name: 'Take action' }).click();
    // Slow down so the 3-minute confirmation window lasts long enough (18 s) to act on it.
    await host.getByLabel('Speed').selectOption('10');
    const marker = host.getByTestId('marker-resolved');
    await expect(marker).toContainText('confirming…', { timeout: 60_000 });
    await expect(marker).toContainText(/min left/);
    await host.getByRole('button', { name: 'Pause' }).click();
    await expect(host.getByTestId('clock-status')).toHaveText('Paused');

    await host.getByRole('button', { name: 'End session…' }).click();
    await expect(host.getByTestId('end-warning')).toContainText('Resolved (Team 1)');
    await expect(host.getByTestId('end-warning')).toContainText(/sim min of sustained recovery left/);
    await host.getByRole('button', { name: 'Cancel' }).click();
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
