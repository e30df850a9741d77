/** axe-core in the page: every critical or serious violation, as lines a person can act on. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** No critical or serious violation, one h1 and a main landmark. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${where}`).toEqual([]);
  await expect(page.locator('h1'), `${where}: one h1`).toHaveCount(1);
  await expect(page.locator('main'), `${where}: one main landmark`).toHaveCount(1);
}

/** Every tab of the responder console on a phone. */
export async function expectPhoneTabsAccessible(phone: Page): Promise<void> {
  for (const tab of ['dashboards', 'runbook', 'findings', 'channel'] as const) {
    await phone.getByTestId(`tab-${tab}`).tap();
    await expectAccessible(phone, `phone console, ${tab}`);
  }
}

/** The host ends the session; the debrief, reached from each responder's ended banner, passes axe. */
export async function endAndExpectDebriefAccessible(host: Page, desktop: Page, phone: Page): Promise<void> {
  await host.getByRole('button', { name: 'End session…' }).click();
  await host.getByRole('button', { name: 'End now' }).click();
  await desktop.getByTestId('debrief-link').click();
  await expect(desktop.getByTestId('debrief-headline')).toBeVisible();
  await expectAccessible(desktop, 'debrief');
  await phone.getByTestId('debrief-link').tap();
  await expect(phone.getByTestId('debrief-headline')).toBeVisible();
  await expectAccessible(phone, 'debrief on a phone');
}
