/**
 * The text of an alert line as Alertmanager or PagerDuty would word it for a person:
 * "Dashboard login success below 80 % for 3 min (now 9.9 %)" — the signal's label, values with
 * their unit and at most three significant digits, never a metric id or a 4-decimal sample.
 */
import type { AlertRule, Scenario } from './scenario-definition.ts';

type Unit = Scenario['data']['signals'][number]['unit'];

function digits3(value: number): string {
  const abs = Math.abs(value);
  return String(Number(value.toFixed(abs >= 100 ? 0 : abs >= 10 ? 1 : 2)));
}

export function describeValue(value: number, unit: Unit): string {
  switch (unit) {
    case 'percent': return `${digits3(value)} %`;
    case 'ms': return Math.abs(value) >= 1000 ? `${digits3(value / 1000)} s` : `${Math.round(value)} ms`;
    case 'rps': return `${digits3(value)} req/s`;
    case 'ratio': return digits3(value);
    case 'count': return String(Math.round(value));
    case 'up': return value >= 0.5 ? 'up' : 'down';
  }
}

export function firingText(rule: AlertRule, label: string, unit: Unit, now: number): string {
  if (unit === 'up') return `${label} ${describeValue(now, unit)} for ${rule.forMinutes} min`;
  return `${label} ${rule.op} ${describeValue(rule.threshold, unit)} for ${rule.forMinutes} min (now ${describeValue(now, unit)})`;
}

export function resolvedText(rule: AlertRule, label: string, unit: Unit, now: number): string {
  if (unit === 'up') return `${label} ${describeValue(now, unit)} again`;
  return `${label} back ${rule.op === 'above' ? 'below' : 'above'} ${describeValue(rule.threshold, unit)} (now ${describeValue(now, unit)})`;
}
