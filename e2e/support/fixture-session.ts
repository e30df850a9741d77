/** For the room specs: a host creates a fixture-scenario session from the landing page, responders take seats. */
import { expect, type Page } from '@playwright/test';

export async function createSession(host: Page, teams: number, speed = 60): Promise<string> {
  await host.goto('/');
  await host.getByLabel('Teams').fill(String(teams));
  await host.getByLabel('Speed').selectOption(String(speed));
  await host.getByRole('button', { name: 'Create session' }).click();
  await expect(host).toHaveURL(/\/host\/[2-9A-Z]{4}-[2-9A-Z]{2}$/);
  return (await host.getByTestId('join-code').textContent())?.trim() ?? '';
}

export async function takeSeat(page: Page, code: string, name: string, team: string): Promise<void> {
  await page.goto(`/join/${code}`);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await page.getByRole('button', { name: `Join ${team}` }).click();
  await expect(page.getByTestId('team-name')).toHaveText(team);
}

/** The number in a legend value such as "41.2%" or "1.4 s". */
export async function legendNumber(page: Page, signal: string): Promise<number> {
  const text = (await page.getByTestId(`value-${signal}`).first().textContent()) ?? '';
  return Number.parseFloat(text.replace(/[^0-9.+-]/g, ''));
}
