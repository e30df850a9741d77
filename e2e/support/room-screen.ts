/** For the room specs: what a projector shows, measured in the page. */
import type { Page } from '@playwright/test';

export const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

export interface RoomMeasure {
  /** Visible text set smaller than `minPx`, as "TAG.class: text (size)". */
  small: string[];
  /** Share of the viewport's width the team cards span, and the share the first row alone spans. */
  spanned: number;
  firstRow: number;
  /** Lowest card edge as a share of the viewport's height (the cards use the screen, and stay on it). */
  bottom: number;
  cards: number;
  /** The page scrolls: something does not fit the screen. */
  scrolls: boolean;
}

/** Visible text set smaller than `minPx`, as "TAG.class: text (size)". */
export function smallText(page: Page, minPx = 28): Promise<string[]> {
  return page.evaluate((min) => [...document.querySelectorAll('body *')]
    .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== ''))
    .filter((el) => Number.parseFloat(getComputedStyle(el).fontSize) < min - 0.05 && (el as HTMLElement).offsetParent !== null)
    .map((el) => `${el.tagName}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 30)} (${getComputedStyle(el).fontSize})`), minPx);
}

export async function measureRoom(page: Page, minPx = 28): Promise<RoomMeasure> {
  const small = await smallText(page, minPx);
  const layout = await page.evaluate(() => {
    const cards = [...document.querySelectorAll('[data-testid^="room-team-"]')].map((el) => el.getBoundingClientRect());
    const width = window.innerWidth;
    const left = Math.min(...cards.map((r) => r.left));
    const right = Math.max(...cards.map((r) => r.right));
    const top = Math.min(...cards.map((r) => r.top));
    const row = cards.filter((r) => Math.abs(r.top - top) < 2);
    const rowSpan = Math.max(...row.map((r) => r.right)) - Math.min(...row.map((r) => r.left));
    return {
      spanned: (right - left) / width,
      firstRow: rowSpan / width,
      bottom: Math.max(...cards.map((r) => r.bottom)) / window.innerHeight,
      cards: cards.length,
      scrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
    };
  });
  return { small, ...layout };
}
