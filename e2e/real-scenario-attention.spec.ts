/**
 * Responders' attention and a diagnosis with its evidence, in the browser: the real 5 December 2025
 * scenario in realistic mode with two responders. Each is busy in turn (the console says with what
 * and until when, and refuses a second task), one investigation is cancelled from the evidence
 * board, and a diagnosis names trigger, component and mechanism and attaches the findings that back
 * it. The team never sees a verdict; mission control sees who is busy and the support per part.
 * axe on the console and mission control.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { takeSeat } from './support/fixture-session.ts';
import { legendNumber } from './support/real-session.ts';

async function investigate(page: Page, id: string, params: Record<string, string> = {}): Promise<void> {
  // The runbook item is a <details>: open it unless it already is.
  const card = page.getByTestId(`investigation-${id}`);
  if (!(await card.evaluate((d) => (d as HTMLDetailsElement).open))) await card.locator('summary').click();
  for (const [label, value] of Object.entries(params)) await card.getByLabel(label).selectOption(value);
  await card.getByRole('button', { name: 'Run investigation' }).click();
}

const row = (page: Page, name: string) => page.getByTestId('on-call').getByTestId('responder').filter({ hasText: name });

test('two responders busy in turn, a cancel, and a diagnosis with its findings', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const { page: dana } = await guard.open('dana');
    const { page: eli } = await guard.open('eli');

    await host.goto('/');
    await host.getByTestId('scenario-cloudflare-2025-12-05').click();
    await host.getByLabel('Teams').fill('1');
    await host.getByLabel('Speed').selectOption('30');
    await host.getByTestId('mode-realistic').click();
    await host.getByRole('button', { name: 'Create session' }).click();
    const code = (await host.getByTestId('join-code').textContent())?.trim() ?? '';
    await takeSeat(dana, code, 'Dana', 'Team 1');
    await takeSeat(eli, code, 'Eli', 'Team 1');
    // Both are on call and free before anything starts.
    await expect(dana.getByTestId('on-call').getByTestId('responder')).toHaveCount(2);
    await expect(row(dana, 'Eli')).toContainText('free');

    await host.getByRole('button', { name: 'Start the clock' }).click();
    // To 08:45, a few minutes before the 5xx climb (08:47).
    await host.getByRole('button', { name: '+5m' }).click();
    await expect.poll(() => legendNumber(dana, 'http_5xx_pct'), { timeout: 60_000 }).toBeGreaterThan(15);
    // From here the clock crawls (1×) and the host skips ahead when a finding should be in: every
    // step below happens while the task it looks at is running, however slow the machine.
    const clockPanel = host.getByTestId('clock-controls');
    await clockPanel.getByLabel('Speed').selectOption('1');
    await expect(host.getByTitle('Sim minutes per real minute')).toHaveText('1×');
    const skip = () => clockPanel.getByRole('button', { name: '+5m' }).click();

    // Dana reads the global configuration change log: busy with it, for the team to see.
    await investigate(dana, 'recent_changes', { 'Deployment system': 'global_config' });
    await expect(dana.getByTestId('you-busy')).toContainText(/You are busy with “Inspect recent changes \(Global configuration system\)” until \d\d:\d\d/);
    await expect(row(eli, 'Dana')).toContainText(/busy.*Inspect recent changes.*until \d\d:\d\d/);
    // A second task while busy is refused with the reason.
    await investigate(dana, 'trace_endpoint_check');
    await expect(dana.locator('.notice-stack')).toContainText(/you are busy with "Inspect recent changes \(Global configuration system\)" until \d\d:\d\d: cancel it, or ask a teammate/);

    // Eli starts on the FL2 logs, thinks better of it and cancels from the evidence board.
    await investigate(eli, 'proxy_logs', { Proxy: 'fl2' });
    await expect(row(dana, 'Eli')).toContainText('busy');
    const running = eli.getByTestId('running-investigation').filter({ hasText: 'FL2' });
    await expect(running).toContainText('by you');
    await expect(dana.getByTestId('running-investigation').filter({ hasText: 'FL2' })).toContainText('by Eli');
    await running.getByRole('button', { name: /^Cancel / }).click();
    await expect(eli.getByTestId('running-investigation').filter({ hasText: 'FL2' })).toHaveCount(0);
    await expect(eli.getByTestId('action-log')).toContainText('Cancelled');
    await expect(row(dana, 'Eli')).toContainText('free');

    // Dana's finding is in, and she is free; Eli is busy in turn with the FL1 logs.
    await skip();
    await expect(dana.getByTestId('evidence-card')).toHaveCount(1);
    await expect(dana.getByTestId('you-busy')).toHaveCount(0);
    await investigate(eli, 'proxy_logs', { Proxy: 'fl1' });
    await expect(row(dana, 'Eli')).toContainText(/busy.*Query proxy error logs/);
    await expect(eli.getByTestId('you-busy')).toBeVisible();
    await shot(eli, '30-responder-busy');
    await expectAccessible(eli, 'responder console with a teammate busy');
    await skip();
    await expect(eli.getByTestId('evidence-card')).toHaveCount(2);

    // The diagnosis: trigger, component and mechanism, and the two findings that back it.
    const ids = await eli.getByTestId('evidence-card').getByTestId('finding-id').allTextContents();
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^F\d+$/);
    const form = eli.getByTestId('diagnosis-form');
    await form.getByLabel('What triggered it').selectOption('change_waf_killswitch');
    await form.getByLabel(/What failed/).selectOption('component_fl1_rules_engine');
    await form.getByLabel('Through which mechanism').selectOption('config_reaches_code_bug');
    for (const id of ids) await form.getByTestId(`cite-${id}`).check();
    await form.getByLabel(/In your words/).fill('The 08:47 killswitch makes FL1 index a nil execute field.');
    await shot(eli, '31-diagnosis-with-findings');
    await form.getByRole('button', { name: 'Declare diagnosis' }).click();
    await expect(eli.getByTestId('diagnoses')).toContainText(`Citing ${ids.join(', ')}`);
    await expect(dana.getByTestId('diagnoses')).toContainText(`Citing ${ids.join(', ')}`);
    // No verdict reaches the team: not in its diagnoses, not in the acknowledgement's notice.
    await expect(eli.locator('.notice-stack')).toContainText('Diagnosis recorded');
    for (const p of [eli, dana]) {
      await expect(p.getByTestId('diagnoses')).not.toContainText(/correct|supported|right|wrong|✓|✗/i);
      await expect(p.locator('.notice-stack')).not.toContainText(/correct|supported|right|wrong/i);
    }

    // Mission control: who is busy, and the diagnosis with its citations and support per part.
    const column = host.getByTestId('team-column-t1');
    await expect(column.getByTestId('team-responders')).toContainText('Dana');
    await expect(column.getByTestId('team-responders')).toContainText('Eli');
    const declared = column.getByTestId('team-diagnosis');
    await expect(declared).toContainText('✓ correct, supported');
    await expect(declared.getByTestId('diagnosis-support')).toContainText('✓ trigger supported');
    await expect(declared.getByTestId('diagnosis-support')).toContainText('✓ component supported');
    await expect(declared.getByTestId('diagnosis-support')).toContainText('✓ mechanism supported');
    for (const id of ids) await expect(declared.getByTestId('diagnosis-cited')).toContainText(id);
    await shot(host, '32-mission-control-support');
    await expectAccessible(host, 'mission control with a supported diagnosis');
    await expectAccessible(dana, 'responder console after the diagnosis');

    await host.getByRole('button', { name: 'End session…' }).click();
    await host.getByRole('button', { name: 'End now' }).click();
    for (const p of [host, dana, eli]) await expect(p.getByTestId('debrief-link')).toBeVisible();
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
