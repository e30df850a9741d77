/** The debrief after a room session: a responder lands on their own team; print covers every team. */
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { createSession, takeSeat } from './support/fixture-session.ts';

test('a responder opens the debrief on their own team, and printing can cover every team', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 2);
    const { page: bob } = await guard.open('bob');
    await takeSeat(bob, code, 'Bob', 'Team 2');
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(bob.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 30_000 });
    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();

    await bob.getByTestId('debrief-link').click();
    await expect(bob.getByTestId('debrief-team-select')).toHaveValue('t2');
    await expect(bob.getByTestId('debrief-headline')).toContainText(/points (ahead of|behind) the real responders|level with the real responders/);
    await expect(bob.getByTestId('debrief-comparison')).toContainText(/min (ahead|behind)|on time|not reached/);

    // "Print all teams": the page renders every team's report for the printer (the dialog is a no-op headless).
    await bob.evaluate(() => { window.print = () => {}; });
    await bob.getByTestId('print-all').click();
    await expect(bob.getByTestId('print-all-teams').locator('.print-team')).toHaveCount(2);
    await bob.emulateMedia({ media: 'print' });
    await expect(bob.getByTestId('print-all-teams')).toContainText('Team 1');
    await expect(bob.getByTestId('debrief-comparison')).toBeVisible();
    const order = await bob.evaluate(() => {
      const table = document.querySelector('.debrief-comparison-section')?.getBoundingClientRect().top ?? Infinity;
      const first = document.querySelector('.print-team')?.getBoundingClientRect().top ?? -Infinity;
      return { table, first };
    });
    expect(order.table).toBeLessThan(order.first);
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
