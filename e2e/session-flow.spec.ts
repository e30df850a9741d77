/**
 * The whole session on the e2e fixture scenario at 60×: a host and two responders in separate
 * browser contexts. Create, join by code, move a player, start, watch the curves, investigate,
 * mitigate, post a status update, declare a diagnosis, chat, reload mid-session, pause, resume,
 * inject, end — and every client shows the end with the debrief link.
 */
import { expect, test, type Page } from '@playwright/test';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { legendNumber } from './support/fixture-session.ts';

async function joinAs(page: Page, code: string, name: string, role: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel(/^Role/).selectOption({ label: role });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/play/${code}$`));
}

test('a host and two responders work a whole session', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const { page: alice } = await guard.open('alice');
    const { page: bob } = await guard.open('bob');

    // Landing → create a session.
    await host.goto('/');
    await expect(host.getByTestId('scenario-e2e-config-push')).toBeVisible();
    await host.getByLabel('Teams').fill('2');
    await host.getByLabel('Speed').selectOption('60');
    await shot(host, '01-landing');
    await host.getByRole('button', { name: 'Create session' }).click();
    await expect(host).toHaveURL(/\/host\/[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    const code = (await host.getByTestId('join-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    await expect(host.getByTestId('join-qr')).toBeVisible();
    await expect(host.getByTestId('join-url')).toContainText(`/join/${code}`);

    // Responders join by code and pick a team.
    await alice.goto('/');
    await alice.getByLabel('Join code').fill(code.toLowerCase().replace('-', ''));
    await alice.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(alice).toHaveURL(new RegExp(`/join/${code}$`));
    await alice.getByLabel('Display name').fill('Alice');
    await alice.getByLabel(/^Role/).selectOption({ label: 'Incident commander' });
    await shot(alice, '02-join');
    await alice.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(alice.getByTestId('team-picker')).toBeVisible();
    await shot(alice, '03-team-picker');
    await alice.getByRole('button', { name: 'Join Team 1' }).click();
    await expect(alice.getByTestId('team-name')).toHaveText('Team 1');

    await joinAs(bob, code, 'Bob', 'Communications');
    await bob.getByRole('button', { name: 'Join Team 2' }).click();
    await expect(bob.getByTestId('team-name')).toHaveText('Team 2');

    // The host sees both, and moves Bob into Alice's team.
    const board = host.getByTestId('teams-board');
    await expect(board).toContainText('Alice');
    await expect(board).toContainText('Bob');
    await host.getByLabel('Move Bob to').selectOption({ label: 'Team 1' });
    await expect(bob.getByTestId('team-name')).toHaveText('Team 1');
    await shot(host, '04-host-lobby');

    // Start: the clock runs and the curves move.
    await host.getByRole('button', { name: 'Start the clock' }).click();
    await expect(alice.getByTestId('clock-status')).toHaveText('Running');
    await expect(host.getByTestId('team-column-t1')).toBeVisible();
    await expect(alice.getByTestId('value-error_rate')).toHaveText(/%$/);
    const before = await legendNumber(alice, 'error_rate');
    expect(before).toBeLessThan(5);
    // The bad config lands at 10:02: the 5xx panel climbs past its SLO line and the alert fires.
    await expect.poll(() => legendNumber(alice, 'error_rate'), { timeout: 20_000 }).toBeGreaterThan(20);
    await expect(alice.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 20_000 });

    // Investigate: running, then evidence on the board — Bob sees Alice's investigation live.
    const recentChanges = alice.getByTestId('investigation-recent_changes');
    await recentChanges.locator('summary').click();
    await recentChanges.getByRole('button', { name: 'Run investigation' }).click();
    await expect(bob.getByTestId('action-log')).toContainText('Inspect recent changes');
    const evidence = alice.getByTestId('evidence-card').first();
    await expect(evidence).toContainText('One config push today, at 10:02', { timeout: 20_000 });
    await expect(evidence.getByRole('cell', { name: 'config v42' })).toBeVisible();
    await expect(bob.getByTestId('evidence-board')).toContainText('One config push today');

    // Status update from Bob (the comms lead): visible on both status page widgets.
    await bob.getByTestId('status-composer').getByLabel('Message').fill('We are investigating elevated checkout errors.');
    await bob.getByRole('button', { name: 'Post update' }).click();
    await expect(alice.getByTestId('status-updates')).toContainText('We are investigating elevated checkout errors.');
    await expect(alice.getByTestId('status-banner')).toHaveText(/Incident reported/);

    // Mitigate: pending, then in effect, and the team's error curve falls back under the SLO.
    const rollback = alice.getByTestId('action-rollback_config');
    await rollback.locator('summary').click();
    await rollback.getByRole('button', { name: 'Take action' }).click();
    await expect(alice.getByTestId('action-log')).toContainText(/Pending — takes effect \d\d:\d\d/);
    await expect(alice.getByTestId('action-log')).toContainText('Config v41 restored on every node.', { timeout: 20_000 });
    await expect.poll(() => legendNumber(alice, 'error_rate'), { timeout: 20_000 }).toBeLessThan(5);

    // Diagnosis: declared without a verdict for the team; the host sees it is correct.
    const diagnosis = alice.getByTestId('diagnosis-form');
    await diagnosis.getByLabel('What triggered it').selectOption({ label: 'A config push' });
    await diagnosis.getByLabel('Through which mechanism').selectOption({ label: 'A bad value crashes workers' });
    await diagnosis.getByLabel(/In your words/).fill('Config v42 carries a value the API cannot parse.');
    await diagnosis.getByRole('button', { name: 'Declare diagnosis' }).click();
    await expect(alice.getByTestId('diagnoses')).toContainText('A config push');
    await expect(alice.getByTestId('diagnoses')).not.toContainText(/correct|wrong/i);
    await expect(host.getByTestId('team-column-t1').getByTestId('team-diagnoses')).toContainText('✓ correct');
    await expect(host.getByTestId('team-column-t1').getByTestId('truth')).toContainText('Healthy: config v41');

    // The team channel, with a note pinned to the timeline.
    await alice.getByLabel('Message to your team').fill('Rolled back v42, watching 5xx.');
    await alice.getByLabel('Pin').check();
    await alice.getByRole('button', { name: 'Send' }).click();
    await expect(bob.getByTestId('team-channel')).toContainText('Rolled back v42, watching 5xx.');

    await shot(alice, '05-responder-console');
    await shot(host, '06-host-mission-control');

    // A reload mid-session keeps the seat and the team's state.
    await bob.reload();
    await expect(bob.getByTestId('team-name')).toHaveText('Team 1');
    await expect(bob.getByTestId('you')).toHaveText('Bob');
    await expect(bob.getByTestId('evidence-board')).toContainText('One config push today');
    await expect(bob.getByTestId('team-channel')).toContainText('Rolled back v42');

    // A lost connection shows a banner and recovers by itself, with the full state. Chromium logs
    // each failed reconnection attempt while offline; only those lines are tolerated, only here.
    await guard.tolerating('bob', /^WebSocket connection to '.*' failed: .*net::ERR_INTERNET_DISCONNECTED$/, async () => {
      await bob.context().setOffline(true);
      await expect(bob.getByTestId('connection-banner')).toBeVisible({ timeout: 30_000 });
      await expect(bob.getByTestId('connection-banner')).toContainText('reconnecting');
      await shot(bob, '07a-responder-offline');
      await alice.getByLabel('Message to your team').fill('Bob, are you still there?');
      await alice.getByRole('button', { name: 'Send' }).click();
      await bob.context().setOffline(false);
      await expect(bob.getByTestId('connection-banner')).toBeHidden({ timeout: 30_000 });
    });
    // What happened while Bob was away arrives with the fresh snapshot.
    await expect(bob.getByTestId('team-channel')).toContainText('Bob, are you still there?');
    await expect(bob.getByTestId('evidence-board')).toContainText('One config push today');

    // Pause and resume reach every client.
    await host.getByRole('button', { name: 'Pause' }).click();
    for (const p of [host, alice, bob]) await expect(p.getByTestId('clock-status')).toHaveText('Paused');
    await shot(bob, '07-responder-paused');
    await host.getByRole('button', { name: 'Resume' }).click();
    for (const p of [host, alice, bob]) await expect(p.getByTestId('clock-status')).toHaveText('Running');

    // A hint inject from the library to every team.
    await host.getByTestId('inject-panel').getByRole('radio', { name: /Hint$/ }).check();
    await host.getByRole('button', { name: 'Send inject' }).click();
    await expect(alice.getByTestId('alert-feed')).toContainText('Look at what changed at 10:02.');

    // End: every client shows it, with the debrief link.
    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    for (const p of [host, alice, bob]) {
      await expect(p.getByTestId('session-ended')).toBeVisible();
      await expect(p.getByTestId('debrief-link')).toHaveAttribute('href', /\/debrief\//);
      await expect(p.getByTestId('clock-status')).toHaveText('Ended');
    }
    await shot(host, '08-host-ended');
    await shot(alice, '09-responder-ended');

    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
