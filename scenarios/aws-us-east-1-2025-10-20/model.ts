/**
 * Causal model of the AWS us-east-1 outage of 20 October 2025 (facts:
 * /work/shared/facts/aws-us-east-1-2025-10-20.md). The only scheduled event is the premise: at 06:48
 * the DNS automation's race empties the DynamoDB regional record. Everything after it follows from
 * state: leases lapse, DWFM collapses when the whole fleet re-leases at once, Network Manager's
 * backlog makes NLB health checks flap and automatic AZ failover removes capacity. The parts live by
 * concept: state, what it means (derive), dynamics (step), signals, actions, investigations, pages.
 */
import { formatClock, type ModelContext, type ScenarioModel, type TruthReport } from '../../server/engine/index.ts';
import { LAPSE_MIN, type AwsState } from './model-state.ts';
import { act } from './actions.ts';
import { investigate } from './investigations.ts';
import { signals } from './signals.ts';
import { step } from './step.ts';
import { PAGE_GROUPS } from './pages.ts';
import { ddbFailShare, dwfmQueue, launchErrorShare, nlbErrorShare, propagationSeconds, recordEmpty, throttledShare, pct } from './derive.ts';

function init({ rng }: ModelContext): AwsState {
  return {
    // Unpublished constants vary a little between seeds (§7 "not published").
    lapseMin: LAPSE_MIN + rng.range(-4, 4),
    negativeTtlMin: rng.range(13.5, 15),
    nmSpeed: rng.range(0.995, 1.005),
    frozenAt: null, raceAt: null, restoredAt: null, restoreWork: null, toolingAt: null,
    flushAdviceAt: null, azAdviceAt: null, backoffAdviceAt: null,
    leased: 1, leaseQueue: 0, launchQueue: 0, collapsed: false, readmit: 0, reserveAdded: false,
    throttleCap: null, throttledAt: null, relaxLastStep: null, pending: 0, failSeen: 0,
    nmHeld: 0, nmQueue: 0,
    autoFailover: true, hcDegradation: 0, capacityOut: 0, replacements: 0, stsNlb: 0,
    pollerFailed: false, pollerRestoredAt: null, sqsBacklog: 0, lambdaShort: 0,
    ecsBacklog: 0, redshiftStuck: 0, restartUntil: {}, shieldAt: null,
    pages: 0, pageFirst: PAGE_GROUPS.map(() => -1), said: 0, hdPosts: [], history: [],
  };
}

const at = (t: number | null) => (t === null ? 'no' : formatClock(t));

function truth(m: AwsState, { t }: ModelContext): TruthReport {
  const empty = recordEmpty(m, t);
  const headline = empty
    ? 'The DynamoDB regional record is empty: a delayed Enactor applied a stale plan at 06:48 and the other Enactor\'s cleanup deleted it; no Enactor can apply a plan since.'
    : m.collapsed ? 'DWFM is in congestive collapse: lease work outlasts its timeout and is re-queued; EC2 launches fail with "insufficient capacity".'
    : m.leased < 0.99 && m.raceAt !== null ? 'DWFM is re-establishing droplet leases; launches on unleased droplets fail.'
    : nlbErrorShare(m) > 0.005 ? 'Network Manager\'s backlog delays network state; NLB health checks flap on new nodes and automatic AZ failover removes capacity.'
    : throttledShare(m, t) > 0.01 ? 'EC2 is throttled on incoming work; launches refused with "request limit exceeded".'
    : m.raceAt === null ? 'No race: the DNS automation runs normally.' : 'Recovered.';
  return {
    headline,
    facts: [
      { label: 'Record emptied (race) / restored by hand', value: `${at(m.raceAt)} / ${at(m.restoredAt)}` },
      { label: 'Temporary internal endpoint and tooling repaired', value: at(m.toolingAt) },
      { label: 'Customer DynamoDB requests failing (incl. negative caching)', value: pct(ddbFailShare(m, t)) },
      { label: 'DNS automation frozen in every region', value: at(m.frozenAt) },
      { label: 'Droplets with a lease', value: pct(m.leased) },
      { label: 'DWFM queue / collapsed', value: `${Math.round(600 * dwfmQueue(m))}k / ${m.collapsed ? 'yes' : 'no'}` },
      { label: 'Throttle on incoming EC2 work', value: m.throttleCap === null ? 'none' : `${m.throttleCap.toFixed(1)}× normal${m.relaxLastStep !== null ? ', relaxing' : ''}` },
      { label: 'Launch errors (any code)', value: pct(launchErrorShare(m, t)) },
      { label: 'Network Manager: propagation p50 / changes held', value: `${Math.round(propagationSeconds(m))} s / ${Math.round(5 * m.nmHeld)}k` },
      { label: 'NLB automatic failover / capacity out / errors', value: `${m.autoFailover ? 'on' : 'off'} / ${pct(m.capacityOut)} / ${pct(nlbErrorShare(m))}` },
      { label: 'Lambda SQS pollers', value: m.pollerFailed ? 'failed' : m.pollerRestoredAt !== null ? `restored ${at(m.pollerRestoredAt)}` : 'running' },
      { label: 'Pending launch demand (normal-minutes)', value: String(Math.round(m.pending)) },
    ],
  };
}

export const model: ScenarioModel<AwsState> = { init, step, signals, act, investigate, truth };
