/** Pages that cannot show what was asked say so plainly and offer a way on. */
import { expect, test } from '@playwright/test';

const cases = [
  { path: '/join/not-a-code', heading: 'That is not a join code', link: 'Enter a code' },
  { path: '/host/K7QX-2M', heading: 'Cannot open the host console for K7QX-2M', link: 'Join as a responder' },
  { path: '/debrief/no-such-session', heading: 'No debrief here', link: null },
];

for (const c of cases) {
  test(`${c.path} explains the problem`, async ({ page }) => {
    await page.goto(c.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.heading);
    if (c.link) await expect(page.getByRole('link', { name: c.link })).toBeVisible();
  });
}
