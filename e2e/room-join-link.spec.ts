/**
 * The lobby's QR code must work on a phone even when the host opened the page on a loopback
 * address: it encodes this machine's network address. The fixture server listens on every
 * interface for this reason. Tests only talk to 127.0.0.1, so the second browser opens the
 * encoded link's path and port on loopback.
 */
import { networkInterfaces } from 'node:os';
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { createSession } from './support/fixture-session.ts';

const networkAddresses = Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address));

test('the lobby QR code never points at loopback, and joining with it works', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 2);
    const encoded = await host.getByTestId('join-qr').getAttribute('data-url');
    expect(encoded).not.toBeNull();
    const url = new URL(encoded as string);
    expect(url.pathname).toBe(`/join/${code}`);
    await expect(host.getByTestId('join-url')).toHaveText(encoded as string);
    if (networkAddresses.length > 0) {
      expect(url.hostname).toBe(networkAddresses[0]);
      await expect(host.getByTestId('join-note')).toContainText('network address');
    } else {
      await expect(host.getByTestId('join-note')).toContainText('phones cannot join');
    }

    const { page: phone } = await guard.open('phone');
    await phone.goto(`http://127.0.0.1:${url.port}${url.pathname}`);
    await phone.getByLabel('Display name').fill('Scanner');
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await phone.getByRole('button', { name: 'Join Team 2' }).click();
    await expect(phone.getByTestId('team-name')).toHaveText('Team 2');
    await expect(host.getByTestId('teams-board')).toContainText('Scanner');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});

test('the host names the teams when creating the session and renames one in the lobby', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    await host.goto('/');
    await host.getByLabel('Teams').fill('2');
    await host.getByText('Name the teams').click();
    await host.getByLabel('Team 1', { exact: true }).fill('Red');
    await host.getByRole('button', { name: 'Create session' }).click();
    await expect(host.getByTestId('teams-board')).toContainText('Red');
    await expect(host.getByTestId('teams-board')).toContainText('Team 2');

    // A responder waits at the team picker while the host renames Team 2 in the lobby.
    const code = (await host.getByTestId('join-code').textContent())?.trim() ?? '';
    const { page: phone } = await guard.open('phone');
    await phone.goto(`/join/${code}`);
    await phone.getByLabel('Display name').fill('Picker');
    await phone.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(phone.getByRole('button', { name: 'Join Team 2' })).toBeVisible();
    await host.getByRole('button', { name: 'Rename Team 2' }).click();
    await host.getByLabel('New name for Team 2').fill('  Blue\t');
    await host.getByRole('button', { name: 'Save' }).click();
    await expect(host.getByTestId('teams-board').getByRole('heading', { name: 'Blue', exact: true })).toBeVisible();
    await phone.getByRole('button', { name: 'Join Blue' }).click();
    await expect(phone.getByTestId('team-name')).toHaveText('Blue');
    await expect(host.getByTestId('teams-board')).toContainText('Picker');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
