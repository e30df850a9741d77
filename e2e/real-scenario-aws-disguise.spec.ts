/**
 * The AWS us-east-1 outage of 20 October 2025 played disguised: the lobby on the projector, the
 * responder's console in the alarm storm (pages, dashboards, the runbook, a `dig` and its lead) and
 * the room screen show only the Nimbus Cloud names; the facilitator's mission control keeps the
 * real ones and the alias table.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { BrowserGuard, shot } from './support/browser-guard.ts';
import { createDisguisedSession, expectNoRealName as noRealName, joinDisguised } from './support/disguised-session.ts';
import { PROJECTOR } from './support/room-screen.ts';
import { runInvestigation } from './support/real-session.ts';

const ID = 'aws-us-east-1-2025-10-20';
/** What a reader of AWS's post-event summary would spot (the host names in lower case too). */
const REAL = new RegExp([
  '\\bAWS\\b', 'Amazon', 'amazonaws', 'DynamoDB', 'dynamodb', '\\bEC2\\b', 'DWFM', 'DropletWorkflow', '[Dd]roplets?\\b', 'Route ?53', 'Enactor', 'Planner',
  '\\bNLBs?\\b', '\\bELB\\b', 'Lambda', '\\bSQS\\b', '\\bSTS\\b', '\\bIAM\\b', '\\bECS\\b', '\\bEKS\\b', 'Fargate', '\\bConnect\\b', 'Redshift', 'CloudTrail',
  '[Uu][Ss]-[Ee][Aa][Ss][Tt]-1', '\\buse1\\b', 'Virginia', 'Seattle', 'InsufficientInstanceCapacity', 'RequestLimitExceeded', 'RunInstances',
  '20 October', '2025-10-20',
].join('|'));
const DISGUISED_TITLE = 'Nimbus Cloud central-2, a Monday: a region loses its footing';

const expectNoRealName = (page: Page, where: string) => noRealName(page, REAL, where);

test('the 20 October AWS outage disguised: lobby, console in the alarm storm, a dig, the room', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { host, code } = await createDisguisedSession(guard, ID);

    // The lobby beside the join code: the fictional names, and no answer.
    await expect(host.locator('.context-title')).toHaveText(DISGUISED_TITLE);
    await expect(host.getByTestId('disguised-badge')).toBeVisible();
    await expect(host.getByTestId('briefing')).toContainText('NCS');
    await expectNoRealName(host, 'the host lobby');
    await expectAccessible(host, 'disguised host lobby');

    const responder = await joinDisguised(guard, code, 'Wen');
    await expect(responder.locator('.context-title')).toHaveText(DISGUISED_TITLE);
    await expectNoRealName(responder, 'the responder console before the start');

    const { page: room } = await guard.open('room', PROJECTOR);
    await room.goto(`/room/${code}`);
    await expect(room.getByRole('heading', { level: 1 })).toHaveText(DISGUISED_TITLE);
    await expectNoRealName(room, 'the room screen');

    // Into the storm: dozens of page groups, the precise alarm among them, every name disguised.
    await host.getByRole('button', { name: 'Start the clock' }).click();
    for (const m of [15, 15]) await host.getByRole('button', { name: `+${m}m` }).click();
    const firing = responder.getByTestId('firing-count');
    await expect.poll(async () => Number.parseInt((await firing.textContent()) ?? '0', 10), { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    await expect(responder.getByTestId('alert-feed')).toContainText('sdb-dns-automation-cen2');

    // dig, in the disguised ids: NOERROR with zero answers for the fictional endpoint, which becomes a lead.
    await runInvestigation(responder, 'dns_lookup');
    await expect(responder.getByTestId('evidence-card').first()).toContainText('stratusdb.central-2.nimbuscloud.net A: status NOERROR, ANSWER: 0', { timeout: 60_000 });
    await expect(responder.getByTestId('leads')).toContainText('stratusdb.central-2.nimbuscloud.net');
    await expect(responder.getByTestId('action-restore_dns_by_hand')).toBeVisible();
    await expectNoRealName(responder, 'the responder console in the storm');
    await expectNoRealName(room, 'the room screen during play');
    await expectAccessible(responder, 'disguised responder console');
    await shot(responder, 'disguise-aws-console');

    // Mission control: the facilitator sees the real names and what each alias stands for.
    await expect(host.locator('.context-title')).toContainText('AWS us-east-1');
    const disguise = host.getByTestId('disguise-panel');
    await disguise.locator('summary').click();
    await expect(disguise).toContainText('StratusDB');
    await expect(disguise).toContainText('DynamoDB');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
