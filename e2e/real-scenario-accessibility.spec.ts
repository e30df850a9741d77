/**
 * axe-core on both real scenarios (room-accessibility.spec.ts covers the fixture one): their
 * dashboards, runbooks and debriefs carry far more content. Per scenario, at 60× after a
 * 15-minute skip until the first alert fires: the responder console (desktop, and every tab on a
 * 390×844 phone), mission control, then the debrief after the host ends the session.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { endAndExpectDebriefAccessible, expectAccessible, expectPhoneTabsAccessible } from './support/axe.ts';
import { joinOnPhone, openRealSession } from './support/real-session.ts';

for (const scenarioId of ['cloudflare-2025-11-18', 'cloudflare-2025-12-05']) {
  test(`${scenarioId}: console (desktop, phone tabs), mission control and debrief pass axe`, async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    const guard = new BrowserGuard(browser, baseURL as string);
    try {
      const { host, responder, code } = await openRealSession(guard, scenarioId, 'Dana');
      const phone = await joinOnPhone(guard, code, 'Bob');

      await host.getByRole('button', { name: 'Start the clock' }).click();
      // A quarter of an hour on: past 08:47 (5 Dec) and close to the 11:31 alert (18 Nov).
      await host.getByRole('button', { name: '+15m' }).click();
      await expect(responder.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 90_000 });
      await expectAccessible(responder, 'console');
      await expectAccessible(host, 'mission control');
      await expectPhoneTabsAccessible(phone);

      await endAndExpectDebriefAccessible(host, responder, phone);
      expect(guard.errors).toEqual([]);
    } finally {
      await guard.close();
    }
  });
}
