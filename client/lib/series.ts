/** Turning samples into the column arrays uPlot draws, and signals into Grafana-style panels. */
import type { Sample, SignalSpec } from '../../server/protocol/views.ts';

/** uPlot's aligned data: x values, then one column per series (null = gap). */
export type SeriesColumns = [number[], ...(number | null)[][]];

export function toColumns(samples: readonly Sample[], signalIds: readonly string[]): SeriesColumns {
  const xs = new Array<number>(samples.length);
  const ys = signalIds.map(() => new Array<number | null>(samples.length));
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as Sample;
    xs[i] = s.t;
    for (let j = 0; j < signalIds.length; j++) {
      const v = s.values[signalIds[j] as string];
      (ys[j] as (number | null)[])[i] = v === undefined ? null : v;
    }
  }
  return [xs, ...ys];
}

export interface SignalPanel {
  title: string;
  signals: SignalSpec[];
}

/** Signals grouped by their `panel`, in the order the scenario declares them. */
export function groupByPanel(signals: readonly SignalSpec[]): SignalPanel[] {
  const panels = new Map<string, SignalSpec[]>();
  for (const s of signals) {
    const list = panels.get(s.panel);
    if (list) list.push(s);
    else panels.set(s.panel, [s]);
  }
  return [...panels].map(([title, list]) => ({ title, signals: list }));
}

/** The newest value of a signal, or null before any sample carries it. */
export function latestValue(samples: readonly Sample[], signalId: string): number | null {
  for (let i = samples.length - 1; i >= 0; i--) {
    const v = samples[i]?.values[signalId];
    if (v !== undefined) return v;
  }
  return null;
}

/** Grafana's classic palette: distinguishable on a dark background and on a washed-out projector. */
export const SERIES_COLORS = ['#73bf69', '#f2cc0c', '#8ab8ff', '#ff780a', '#f2495c', '#5794f2', '#b877d9', '#fade2a', '#37872d', '#c4162a'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] as string;
}
