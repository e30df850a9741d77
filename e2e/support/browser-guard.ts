/**
 * Every page a test opens is watched: a console error or an uncaught exception fails the test.
 * Screenshots go to test-results/screenshots so a person can look at every page after a run.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';

export interface GuardedPage {
  context: BrowserContext;
  page: Page;
}

export class BrowserGuard {
  readonly errors: string[] = [];
  private readonly contexts: BrowserContext[] = [];
  /** Errors a step provokes on purpose (e.g. the browser's own log while the network is cut). */
  private readonly expected: { label: string; pattern: RegExp }[] = [];

  constructor(private readonly browser: Browser, private readonly baseURL: string) {}

  /** A page in its own context; `device` for a phone (e.g. 390×844 with touch) or a projector. */
  async open(label: string, device: { viewport: { width: number; height: number }; hasTouch?: boolean; isMobile?: boolean } = { viewport: { width: 1600, height: 1000 } }): Promise<GuardedPage> {
    const context = await this.browser.newContext({ baseURL: this.baseURL, ...device });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (this.expected.some((e) => e.label === label && e.pattern.test(msg.text()))) return;
      this.errors.push(`[${label}] console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.errors.push(`[${label}] page error: ${err.message}`));
    return { context, page };
  }

  /** Runs `step` with console errors matching `pattern` on page `label` tolerated, and only then. */
  async tolerating<T>(label: string, pattern: RegExp, step: () => Promise<T>): Promise<T> {
    const entry = { label, pattern };
    this.expected.push(entry);
    try {
      return await step();
    } finally {
      this.expected.splice(this.expected.indexOf(entry), 1);
    }
  }

  async close(): Promise<void> {
    for (const c of this.contexts) await c.close();
  }
}

export async function shot(page: Page, name: string): Promise<void> {
  // From the top: the sticky application bar otherwise lands mid-image in a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
