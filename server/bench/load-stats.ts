/** Small measurement helpers for the load bench: percentiles and a child process's CPU and RSS. */
import { readFileSync } from 'node:fs';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

/** A process's resident set size now (MB); NaN once it has exited (a bench reports it instead of crashing). */
export function rssMb(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return NaN;
  }
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process every second between start() and stop(): mean CPU % (of one core) and peak RSS. */
export class ProcessSampler {
  private timer: NodeJS.Timeout | null = null;
  private startTicks = 0;
  private startWall = 0;
  private peakRss = 0;
  private readonly rss: number[] = [];

  constructor(private readonly pid: number) {}

  start(): void {
    this.startTicks = cpuTicks(this.pid);
    this.startWall = Date.now();
    this.timer = setInterval(() => {
      const r = rssMb(this.pid);
      if (Number.isNaN(r)) return; // the process is gone
      this.rss.push(r);
      this.peakRss = Math.max(this.peakRss, r);
    }, 1000);
  }

  stop(): { cpuPercent: number; peakRssMb: number; meanRssMb: number } {
    if (this.timer) clearInterval(this.timer);
    const seconds = (Date.now() - this.startWall) / 1000;
    let cpuPercent = NaN;
    try {
      cpuPercent = ((cpuTicks(this.pid) - this.startTicks) / CLOCK_TICKS / seconds) * 100;
    } catch { /* process gone */ }
    const last = rssMb(this.pid);
    if (!Number.isNaN(last)) this.peakRss = Math.max(this.peakRss, last);
    const meanRssMb = this.rss.length ? this.rss.reduce((a, b) => a + b, 0) / this.rss.length : NaN;
    return { cpuPercent, peakRssMb: this.peakRss, meanRssMb };
  }
}
