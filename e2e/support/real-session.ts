/**
 * For the real-scenario specs: a host creates a one-team session at 60× (realistic mode unless
 * told otherwise) and a responder takes a seat.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { BrowserGuard } from './browser-guard.ts';
import { shot } from './browser-guard.ts';

export interface RealSession {
  host: Page;
  responder: Page;
  code: string;
}

export async function openRealSession(
  guard: BrowserGuard, scenarioId: string, responderName: string, landingShot?: string, mode: 'realistic' | 'guided' = 'realistic',
): Promise<RealSession> {
  const { page: host } = await guard.open('host');
  const { page: responder } = await guard.open('responder');

  await host.goto('/');
  await host.getByTestId(`scenario-${scenarioId}`).click();
  await host.getByLabel('Teams').fill('1');
  await host.getByLabel('Speed').selectOption('60');
  await host.getByTestId(`mode-${mode}`).click();
  if (landingShot) await shot(host, landingShot);
  await host.getByRole('button', { name: 'Create session' }).click();
  const code = (await host.getByTestId('join-code').textContent())?.trim() ?? '';

  await responder.goto(`/join/${code}`);
  await responder.getByLabel('Display name').fill(responderName);
  await responder.getByRole('button', { name: 'Join', exact: true }).click();
  await responder.getByRole('button', { name: 'Join Team 1' }).click();
  await expect(responder.getByTestId('team-name')).toHaveText('Team 1');
  await expect(responder.getByTestId('session-mode')).toHaveText(mode === 'guided' ? 'Guided mode' : 'Realistic mode');
  return { host, responder, code };
}

/** Open a runbook item and take the action (its parameters left at their first choice), once your hands are free. */
export async function takeAction(page: Page, id: string): Promise<void> {
  const card = page.getByTestId(`action-${id}`);
  await card.locator('summary').click();
  await submitWhenFree(page, card.getByRole('button', { name: 'Take action' }));
}

/** Open a runbook investigation and run it, once your hands are free. */
export async function runInvestigation(page: Page, id: string): Promise<void> {
  const card = page.getByTestId(`investigation-${id}`);
  await card.locator('summary').click();
  await submitWhenFree(page, card.getByRole('button', { name: 'Run investigation' }));
}

/**
 * A responder makes one change or runs one investigation at a time: wait, as a person would, until
 * the console says you are free (and the clock is a minute past, so the server's world, which moves
 * in steps, agrees), submit, and wait for the new entry in the action log.
 */
async function submitWhenFree(page: Page, submit: Locator): Promise<void> {
  const note = page.getByTestId('you-busy');
  // Read without waiting: the note may go between a count and a textContent (which would then wait for it forever).
  const [busy] = await note.allTextContents();
  if (busy !== undefined) {
    const until = /until (\d\d):(\d\d)/.exec(busy);
    await expect(note).toHaveCount(0, { timeout: 120_000 });
    if (until) {
      const free = Number(until[1]) * 60 + Number(until[2]) + 1;
      await expect.poll(() => simMinutes(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(free);
    }
  }
  const entries = page.getByTestId('action-log').locator('li');
  const before = await entries.count();
  await submit.click();
  await expect(entries).toHaveCount(before + 1);
}

/** The sim time a console's clock shows, in minutes since midnight. */
export async function simMinutes(page: Page): Promise<number> {
  const shown = /(\d\d):(\d\d):\d\d/.exec((await page.getByTestId('sim-clock').textContent()) ?? '');
  return shown ? Number(shown[1]) * 60 + Number(shown[2]) : 0;
}

/** The latest value a chart's legend shows for a signal, as a number. */
export async function legendNumber(page: Page, signal: string): Promise<number> {
  const text = (await page.getByTestId(`value-${signal}`).first().textContent()) ?? '';
  return Number.parseFloat(text.replace(/[^0-9.+-]/g, ''));
}

/** A 390×844 touch phone. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

/** A responder on a phone joins Team 1 by tap. */
export async function joinOnPhone(guard: BrowserGuard, code: string, name: string): Promise<Page> {
  const { page: phone } = await guard.open('phone', PHONE);
  await phone.goto(`/join/${code}`);
  await phone.getByLabel('Display name').fill(name);
  await phone.getByRole('button', { name: 'Join', exact: true }).tap();
  await phone.getByRole('button', { name: 'Join Team 1' }).tap();
  await expect(phone.getByTestId('team-name')).toHaveText('Team 1');
  return phone;
}
