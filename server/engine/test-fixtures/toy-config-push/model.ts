/** A toy model for the engine's tests: a bad config at 10:05 makes 40% of requests fail until rolled back. */
import { clock, formatClock, type ScenarioModel } from '../../index.ts';

interface ToyState {
  badConfig: boolean;
  restarts: number;
}

const PUSH_AT = clock('10:05');

export const model: ScenarioModel<ToyState> = {
  init: () => ({ badConfig: false, restarts: 0 }),
  step(m, { t, dt }) {
    if (!m.badConfig && t - dt < PUSH_AT && t >= PUSH_AT) return { ...m, badConfig: true };
    return m;
  },
  signals(m, { rng }) {
    const errors = m.badConfig ? 40 : 0.2;
    return { error_rate: Math.max(0, rng.normal(errors, errors * 0.05)), latency_p99: rng.normal(m.badConfig ? 900 : 120, 10) };
  },
  act(m, action) {
    switch (action.id) {
      case 'rollback_config':
        return { model: { ...m, badConfig: false }, outcome: 'Previous config restored.' };
      case 'restart_api':
        return { model: { ...m, restarts: m.restarts + 1 }, outcome: 'API restarted.' };
      default:
        return { model: m, outcome: 'Status page updated.' };
    }
  },
  investigate(m, inv, { t }) {
    if (inv.id === 'recent_changes') return { summary: 'One config push at 10:05.', detail: 'config v42 deployed', table: { columns: ['time', 'change'], rows: [['10:05', 'config v42']] } };
    // A log query reports the window it covered: from when it was asked to when it completed.
    return { summary: m.badConfig ? 'Workers crash on config value.' : 'Logs are clean.', detail: `${String(inv.params.service)} logs ${formatClock(inv.requestedAt)}–${formatClock(t)}` };
  },
  truth: (m) => ({ headline: m.badConfig ? 'Bad config live' : 'Healthy', facts: [{ label: 'restarts', value: String(m.restarts) }] }),
};
