/**
 * For the disguised-play specs: a host creates a one-team disguised session at 60×, a responder
 * takes a seat, and a page is checked for any of the scenario's real names.
 */
import { expect, type Page } from '@playwright/test';
import type { BrowserGuard } from './browser-guard.ts';

export async function createDisguisedSession(guard: BrowserGuard, scenarioId: string): Promise<{ host: Page; code: string }> {
  const { page: host } = await guard.open('host');
  await host.goto('/');
  await host.getByTestId(`scenario-${scenarioId}`).click();
  await host.getByLabel('Teams').fill('1');
  await host.getByLabel('Speed').selectOption('60');
  await host.getByTestId('disguise-choice').getByRole('checkbox').check();
  await host.getByRole('button', { name: 'Create session' }).click();
  const code = (await host.getByTestId('join-code').textContent())?.trim() ?? '';
  return { host, code };
}

/** A responder joins Team 1 of the session and sees it disguised. */
export async function joinDisguised(guard: BrowserGuard, code: string, name: string): Promise<Page> {
  const { page: responder } = await guard.open('responder');
  await responder.goto(`/join/${code}`);
  await responder.getByLabel('Display name').fill(name);
  await responder.getByRole('button', { name: 'Join', exact: true }).click();
  await responder.getByRole('button', { name: 'Join Team 1' }).click();
  await expect(responder.getByTestId('team-name')).toHaveText('Team 1');
  await expect(responder.getByTestId('disguised-badge')).toBeVisible();
  return responder;
}

export async function expectNoRealName(page: Page, real: RegExp, where: string): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text.match(real)?.[0], `${where} shows a real name`).toBeUndefined();
}
