import { describe, expect, it } from 'vitest';
import type { LeadView } from '../../server/protocol/views.ts';
import { revealedBy } from './runbook-news.ts';

const lead = (id: string, at: number, source: string): LeadView => ({ id, kind: 'component', label: id, at, source });

describe('revealedBy', () => {
  const leads = [
    lead('core_proxy', 13 * 3600, 'Query core proxy error logs (FL2)'),
    lead('bot_module', 13 * 3600, 'Query core proxy error logs (FL2)'),
    lead('status_page', 11 * 3600 + 50 * 60, 'Alert: Status page unreachable'),
  ];
  it('names when an item unlocked and the evidence found then, once each', () => {
    expect(revealedBy(leads, 13 * 3600)).toBe('13:00 by Query core proxy error logs (FL2)');
    expect(revealedBy(leads, 11 * 3600 + 50 * 60)).toBe('11:50 by Alert: Status page unreachable');
  });
  it('says nothing for the generic toolbox, and only the time when no lead matches', () => {
    expect(revealedBy(leads, null)).toBeNull();
    expect(revealedBy(leads, 12 * 3600)).toBe('12:00');
  });
});
