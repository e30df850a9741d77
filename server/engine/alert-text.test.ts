import { describe, expect, it } from 'vitest';
import { describeValue, firingText, resolvedText } from './alert-text.ts';
import type { AlertRule } from './scenario-definition.ts';

const rule: AlertRule = { id: 'dashboard_logins', title: 'Dashboard login success below 80%', severity: 'warning', signal: 'dashboard_login_success', op: 'below', threshold: 80, forMinutes: 3, leads: [] };

describe('alert text', () => {
  it('reads like an Alertmanager line: label, unit, three significant digits', () => {
    expect(firingText(rule, 'Dashboard login success', 'percent', 9.9361)).toBe('Dashboard login success below 80 % for 3 min (now 9.94 %)');
    expect(resolvedText(rule, 'Dashboard login success', 'percent', 97.1234)).toBe('Dashboard login success back above 80 % (now 97.1 %)');
  });

  it('words each unit for a person', () => {
    expect(describeValue(1450.5, 'ms')).toBe('1.45 s');
    expect(describeValue(312.42, 'ms')).toBe('312 ms');
    expect(describeValue(0, 'up')).toBe('down');
    expect(firingText({ ...rule, op: 'below', threshold: 0.5, forMinutes: 2 }, 'Status page probe', 'up', 0)).toBe('Status page probe down for 2 min');
  });
});
