/**
 * How late this process's event loop runs, over the last second: the median lateness of a 20 ms
 * timer (Node's monitorEventLoopDelay), beyond the timer's own interval. A loop blocked for a
 * second records one late sample, so the median of a stalled second is that stall.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

const RESOLUTION_MS = 20;
const WINDOW_MS = 1000;

export class EventLoopLag {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private timer: NodeJS.Timeout | null = null;
  private last = { p50: 0, max: 0 };

  start(): this {
    this.histogram.enable();
    this.timer = setInterval(() => this.roll(), WINDOW_MS);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.histogram.disable();
  }

  /** Median lateness over the last full second (ms). */
  lagMs(): number {
    return this.last.p50;
  }

  maxMs(): number {
    return this.last.max;
  }

  private roll(): void {
    const late = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    this.last = this.histogram.count > 0 ? { p50: late(this.histogram.percentile(50)), max: late(this.histogram.max) } : { p50: 0, max: 0 };
    this.histogram.reset();
  }
}
