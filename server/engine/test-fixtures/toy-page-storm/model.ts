/**
 * Toy for the engine's model pages, skip injects and suggested speed: a config store goes down at
 * 10:05 (the premise); three groups of alarms page while it is down, the one that names the store
 * among them, and resolve when it is back. Meanwhile retries pile up: restored, the backlog is past
 * what the workers can serve and the queue collapses (no forward progress) until intake is
 * throttled and the workers restarted — a metastable state, modelled in the scenario, not the engine.
 */
import { clock, type ScenarioModel } from '../../index.ts';

interface StormState {
  storeDownAt: number | null;
  storeUpAt: number | null;
  queue: number;
  collapsed: boolean;
  throttled: boolean;
  /** Bit per page group firing. */
  pages: number;
}

const DOWN_AT = clock('10:05');
/** Work arriving per minute (a third of it under the throttle); what the workers serve; the collapse threshold. */
const INTAKE = 10;
const CAPACITY = 12;
const COLLAPSE_AT = 60;
/** Retries that pile up per minute while the store is down. */
const RETRIES = 5;

const GROUPS = [
  { rule: 'page:api', severity: 'critical' as const, count: 12, title: 'api: 12 alarms', text: 'Request.ErrorRate, Latency.p99, and 10 more' },
  { rule: 'page:workers', severity: 'warning' as const, count: 8, title: 'workers: 8 alarms', text: 'Task.Retries.high, Queue.Age, and 6 more' },
  { rule: 'page:config-store', severity: 'warning' as const, count: 1, title: 'config-store: 1 alarm', text: 'ReadAvailability < 1 for 3 datapoints' },
];

const down = (m: StormState, t: number) => m.storeDownAt !== null && t >= m.storeDownAt && (m.storeUpAt === null || t < m.storeUpAt);

export const model: ScenarioModel<StormState> = {
  init: () => ({ storeDownAt: null, storeUpAt: null, queue: 0, collapsed: false, throttled: false, pages: 0 }),
  step(prev, ctx) {
    const { t, dt } = ctx;
    const m = { ...prev };
    if (m.storeDownAt === null && t >= DOWN_AT) m.storeDownAt = DOWN_AT;
    const minutes = dt / 60;
    if (down(m, t)) {
      m.queue += RETRIES * minutes;
    } else {
      m.queue += (m.throttled ? INTAKE / 3 : INTAKE) * minutes;
      if (m.queue > COLLAPSE_AT) m.collapsed = true;
      if (!m.collapsed) m.queue = Math.max(0, m.queue - CAPACITY * minutes);
    }
    GROUPS.forEach((g, i) => {
      const bit = 1 << i;
      const firing = (m.pages & bit) !== 0;
      if (down(m, t) && !firing) { m.pages |= bit; ctx.emit({ kind: 'alert', severity: g.severity, rule: g.rule, title: g.title, text: g.text }); }
      if (!down(m, t) && firing) { m.pages &= ~bit; ctx.emit({ kind: 'alert-resolved', severity: g.severity, rule: g.rule, title: g.title, text: 'Back to OK.' }); }
    });
    return m;
  },
  signals(m, { t, rng }) {
    const failing = down(m, t) ? 60 : m.collapsed ? 45 : 0.2;
    return {
      error_rate: Math.max(0, failing + rng.normal(0, 0.05)),
      queue_depth: m.queue,
      open_pages: GROUPS.reduce((n, g, i) => n + ((m.pages & (1 << i)) !== 0 ? g.count : 0), 0),
    };
  },
  act(m, action, { t }) {
    switch (action.id) {
      case 'restore_dependency': return m.storeDownAt === null ? { model: m, outcome: 'The store is up.', changed: false } : { model: { ...m, storeUpAt: t }, outcome: 'Config store restored.' };
      case 'throttle_intake': return { model: { ...m, throttled: true }, outcome: 'Intake throttled to a third.' };
      case 'restart_workers': return { model: { ...m, queue: 0, collapsed: false }, outcome: 'Workers restarted; queued work dropped.' };
      default: return { model: m, outcome: 'Nothing happens.', changed: false };
    }
  },
  investigate: (m) => ({ summary: `${Math.round(m.queue)} items queued; ${m.collapsed ? 'every item times out and is re-queued' : 'items complete'}.`, detail: 'Worker pool queue.' }),
  truth: (m, { t }) => ({ headline: down(m, t) ? 'Config store down' : m.collapsed ? 'Queue collapsed' : 'Healthy', facts: [{ label: 'queue', value: String(Math.round(m.queue)) }] }),
};
