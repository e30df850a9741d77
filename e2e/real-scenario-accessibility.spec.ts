/**
 * axe-core on both real scenarios (room-accessibility.spec.ts covers the fixture one): their
 * dashboards, runbooks and debriefs carry far more content. Per scenario, at 60× after a skip to
 * just before its first alert, until that alert fires: the responder console (desktop, and every
 * tab on a 390×844 phone), mission control, then the debrief after the host ends the session.
 */
import { expect, test } from '@playwright/test';
import { BrowserGuard } from './support/browser-guard.ts';
import { endAndExpectDebriefAccessible, expectAccessible, expectPhoneTabsAccessible } from './support/axe.ts';
import { joinOnPhone, openRealSession } from './support/real-session.ts';

// Minutes to skip from the start: past 08:47 (5 Dec), to just before the 11:31 alert (18 Nov).
const SKIP: Record<string, number> = { 'cloudflare-2025-11-18': 30, 'cloudflare-2025-12-05': 15 };

for (const scenarioId of ['cloudflare-2025-11-18', 'cloudflare-2025-12-05']) {
  test(`${scenarioId}: console (desktop, phone tabs), mission control and debrief pass axe`, async ({ browser, baseURL }) => {
    test.setTimeout(300_000);
    const guard = new BrowserGuard(browser, baseURL as string);
    try {
      const { host, responder, code } = await openRealSession(guard, scenarioId, 'Dana');
      const phone = await joinOnPhone(guard, code, 'Bob');

      await host.getByRole('button', { name: 'Start the clock' }).click();
      await host.getByRole('button', { name: `+${SKIP[scenarioId]}m` }).click();
      await expect(responder.getByTestId('alert-feed')).toContainText('FIRING', { timeout: 90_000 });
      // 10× from here: the axe runs below take a minute on a busy machine, and 5 December's clock
      // would reach its 10:00 end at 60×, before the host ends the session.
      await host.getByTestId('clock-controls').getByLabel('Speed').selectOption('10');
      await expect(host.getByTitle('Sim minutes per real minute')).toHaveText('10×');
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
