/**
 * The facilitator's mission control at 1440 px: each library inject says when it arrives by itself
 * and where it has gone, and a resend to a team that already had it asks first; a stuck team
 * (impact on, no new lead, every investigation run) is shown in its column and gets a priced hint
 * from there. axe on each. (Opening at the top: real-scenario-mission-control.spec.ts.)
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { expectAccessible } from './support/axe.ts';
import { createSession, takeSeat } from './support/fixture-session.ts';
import { runInvestigation } from './support/real-session.ts';

const LAPTOP = { viewport: { width: 1440, height: 760 } };

/** How many times a text is on a responder's feed. */
const onFeed = (page: Page, text: string) => page.getByTestId('alert-feed').getByText(text, { exact: true }).count();

test('each library inject shows where it has gone, and a resend asks first', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host', LAPTOP);
    const code = await createSession(host, 2);
    const { page: alice } = await guard.open('alice');
    const { page: bob } = await guard.open('bob');
    await takeSeat(alice, code, 'Alice', 'Team 1');
    await takeSeat(bob, code, 'Bob', 'Team 2');
    await host.getByRole('button', { name: 'Start the clock' }).click();

    const panel = host.getByTestId('inject-panel');
    const call = panel.getByTestId('inject-status-customer_call');
    await expect(call).toContainText('arrives by itself at 10:06');
    expect(await call.locator('.inject-when').evaluate((el) => el.scrollWidth <= el.clientWidth), 'nothing cut off').toBe(true);
    // It arrives by itself, at its time, to both teams (the host skips to just before it).
    await host.getByRole('button', { name: '+5m' }).click();
    await expect(call).toContainText(/Team 1 · sent 10:0\d/, { timeout: 30_000 });
    await expect(call).toContainText(/Team 2 · sent 10:0\d/);

    const hint = panel.getByTestId('inject-status-hint_changes');
    await expect(hint).toContainText('Team 1 · not yet');
    await panel.getByRole('radio', { name: /Hint$/ }).check();
    await expect(panel).toContainText('costs the team 20 points');
    await panel.getByRole('combobox').selectOption({ label: 'Team 1' });
    await panel.getByRole('button', { name: 'Send inject' }).click();
    await expect(alice.getByTestId('alert-feed')).toContainText('Look at what changed at 10:02.');
    await expect(hint).toContainText(/Team 1 · sent \d\d:\d\d/);
    await expect(hint).toContainText('Team 2 · not yet');

    // To every team: Team 1 had it, so the console asks first; Cancel sends nothing.
    await panel.getByRole('combobox').selectOption({ label: 'All teams' });
    await panel.getByRole('button', { name: 'Send inject' }).click();
    const question = host.getByTestId('inject-resend-confirm');
    await expect(question).toContainText(/Hint already reached Team 1 at \d\d:\d\d\. Send it to every team anyway\?/);
    await expectAccessible(host, 'mission control asking before a resend');
    await shot(host, 'mission-control-resend-question');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(question).toBeHidden();
    await expect(hint).toContainText('Team 2 · not yet');

    await panel.getByRole('button', { name: 'Send inject' }).click();
    await question.getByRole('button', { name: 'Send it again' }).click();
    await expect(bob.getByTestId('alert-feed')).toContainText('Look at what changed at 10:02.');
    await expect(hint).toContainText(/Team 1 · sent \d\d:\d\d, \d\d:\d\d/);
    await expect(hint).toContainText(/Team 2 · sent \d\d:\d\d/);
    await expect.poll(() => onFeed(alice, 'Look at what changed at 10:02.')).toBe(2);
    expect(await onFeed(bob, 'Look at what changed at 10:02.')).toBe(1);
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});

test('a stuck team is shown in its column and gets a priced hint from there', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host', LAPTOP);
    const code = await createSession(host, 1);
    const { page: alice } = await guard.open('alice');
    await takeSeat(alice, code, 'Alice', 'Team 1');
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(alice.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 30_000 });

    // Alice runs every investigation she has, one after the other (one pair of hands), and finds
    // nothing new: the errors go on.
    for (const id of ['recent_changes', 'logs']) await runInvestigation(alice, id);
    const column = host.getByTestId('team-column-t1');
    await expect(column.getByTestId('stuck-t1')).toHaveCount(0);
    const stuck = column.getByTestId('stuck-t1');
    await expect(stuck).toContainText(/Stuck since \d\d:\d\d: no new lead for \d+ min/, { timeout: 60_000 });
    await expect(stuck).toContainText('it has run every one of its 2 investigations');
    await expectAccessible(host, 'mission control with a stuck team');
    await shot(host, 'mission-control-stuck-team');

    await stuck.getByRole('button', { name: 'Send hint to Team 1 (costs 20 points)' }).click();
    await expect(alice.getByTestId('alert-feed')).toContainText('Look at what changed at 10:02.');
    await expect(stuck.getByTestId('stuck-hint-t1').locator('option', { hasText: /Hint \(sent \d\d:\d\d\)/ })).toHaveCount(1);
    // The same hint again asks first.
    await stuck.getByRole('button', { name: 'Send hint to Team 1 (costs 20 points)' }).click();
    await expect(stuck.getByTestId('inject-resend-confirm')).toContainText(/Hint already reached Team 1 at \d\d:\d\d\. Send it again\?/);
    await stuck.getByRole('button', { name: 'Cancel' }).click();
    expect(await onFeed(alice, 'Look at what changed at 10:02.')).toBe(1);
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
