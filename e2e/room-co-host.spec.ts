/** A co-facilitator opens the co-host link in another browser and controls the clock; the co-host's console passes axe. */
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { createSession } from './support/fixture-session.ts';
import { expectAccessible } from './support/axe.ts';

test('a second host browser attaches with the co-host link and controls the clock', async ({ browser, baseURL }) => {
  const guard = new BrowserGuard(browser, baseURL as string);
  try {
    const { page: host } = await guard.open('host');
    const code = await createSession(host, 1);
    await host.getByTestId('co-host').locator('summary').click();
    await expect(host.getByTestId('co-host')).toContainText('grants full control');
    await host.getByRole('button', { name: 'Copy co-host link' }).click();
    const link = await host.getByTestId('co-host-link').inputValue();
    expect(link).toContain(`/host/${code}#host-key=`);

    const { page: cohost } = await guard.open('cohost');
    await cohost.goto(link);
    await expect(cohost.getByTestId('join-code')).toHaveText(code);
    // The secret leaves the address bar once stored.
    expect(new URL(cohost.url()).hash).toBe('');
    await expectAccessible(cohost, 'co-host console (lobby)');
    await cohost.getByRole('button', { name: 'Start the clock' }).click();
    await expect(host.getByTestId('clock-status')).toHaveText('Running');
    await expect(cohost.getByTestId('team-column-t1')).toBeVisible();
    await expectAccessible(cohost, 'co-host mission control');
    await host.getByRole('button', { name: 'Pause' }).click();
    await expect(cohost.getByTestId('clock-status')).toHaveText('Paused');
    // A reload keeps the co-host attached.
    await cohost.reload();
    await cohost.getByRole('button', { name: 'Resume' }).click();
    await expect(host.getByTestId('clock-status')).toHaveText('Running');
    expect(guard.errors).toEqual([]);
  } finally {
    await guard.close();
  }
});
