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
