/** Display formatters shared by every page. Pure, so they are unit-tested. */
import type { SignalSpec } from '../../server/protocol/views.ts';

type Unit = SignalSpec['unit'];

const pad = (n: number) => String(n).padStart(2, '0');

/** Sim seconds since 00:00 UTC → "HH:MM" (floored: a clock never shows a minute early). */
export function formatHhmm(t: number): string {
  const s = Math.max(0, Math.floor(t));
  return `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}`;
}

/** Sim seconds since 00:00 UTC → "HH:MM:SS". */
export function formatHhmmss(t: number): string {
  const s = Math.max(0, Math.floor(t));
  return `${formatHhmm(s)}:${pad(s % 60)}`;
}

/** "HH:MM" → sim seconds, or null. */
export function parseHhmm(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 3600 + min * 60 : null;
}

/** A real-world duration for people: "45s", "4m 05s", "1h 05m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  return `${Math.floor(s / 3600)}h ${pad(Math.floor(s / 60) % 60)}m`;
}

/** Sim minutes as "90 min" / "6h 30m" (scenario lengths, action delays). */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${Math.round(minutes * 10) / 10} min`;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return m === 0 ? `${h}h` : `${h}h ${pad(m)}m`;
}

function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trim(value / 1e9)}G`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

/** At most 3 significant digits, no trailing zeros. */
function trim(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return String(Number(value.toFixed(digits)));
}

/** A signal value with its unit, as a panel legend shows it. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  switch (unit) {
    case 'percent':
      return `${trim(value)}%`;
    case 'ms':
      return Math.abs(value) >= 1000 ? `${trim(value / 1000)} s` : `${Math.round(value)} ms`;
    case 'rps':
      return `${compact(value)} req/s`;
    case 'ratio':
      return value.toFixed(2);
    case 'count':
      return compact(Math.round(value));
    case 'up':
      return value >= 0.5 ? 'UP' : 'DOWN';
  }
}

/** Axis tick labels: shorter than legend values. */
export function formatAxisValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'percent':
      return `${trim(value)}%`;
    case 'ms':
      return Math.abs(value) >= 1000 ? `${trim(value / 1000)}s` : `${Math.round(value)}ms`;
    case 'up':
      return value >= 0.5 ? 'up' : 'down';
    case 'ratio':
      return trim(value);
    default:
      return compact(value);
  }
}

export function titleCase(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
