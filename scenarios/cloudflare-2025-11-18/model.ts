/**
 * Causal model of the Cloudflare outage of 18 November 2025. The engine calls these pure functions;
 * the parts live by concept: state and helpers, dynamics, signals, actions, investigations.
 */
import type { ModelContext, ScenarioModel, TruthReport } from '../../server/engine/index.ts';
import { act } from './actions.ts';
import { reopened } from './change-log.ts';
import { investigate } from './investigations.ts';
import {
  CLICKHOUSE_NODES, GROUPS, coreShares, isBadFile, residual5xx, updatedCount, type CfState,
} from './model-state.ts';
import { initState } from './init-state.ts';
import { signals } from './signals.ts';
import { step } from './step.ts';

function truth(m: CfState, { t }: ModelContext): TruthReport {
  const { bad, fl2Fail } = coreShares(m, t);
  const last = m.files[m.files.length - 1]!;
  const badFiles = m.files.filter(isBadFile).length;
  const stuck = GROUPS.filter((_, g) => m.stuck[g]).map((g) => g.label);
  const headline = bad > 0.5
    ? 'An oversized Bot Management feature file is live: FL2 panics (5xx), FL scores every request 0.'
    : residual5xx(m, t) > 0 ? 'The feature file is good; downstream services are still in a bad state.' : 'The network runs a good feature file.';
  return {
    headline,
    facts: [
      { label: 'ClickHouse nodes with the new grants', value: `${updatedCount(m, t)}/${CLICKHOUSE_NODES}${m.revertFrom !== null ? ' (rollback running)' : ''}` },
      { label: 'Feature-file generation', value: m.generating ? 'running every 5 min' : 'stopped' },
      { label: 'Latest file', value: `${last.features} features (${isBadFile(last) ? 'over the 200 limit' : 'within limit'})` },
      { label: 'Bad files so far', value: `${badFiles} of ${m.files.length}` },
      { label: 'Network on a bad file', value: `${Math.round(bad * 100)}%` },
      { label: 'Requests failing on FL2', value: `${Math.round(fl2Fail * 100)}%` },
      { label: 'KV / Access bypass', value: `${m.kvBypass ? 'on' : 'off'} / ${m.accessBypass ? 'on' : 'off'}` },
      { label: 'Downstream services stuck', value: stuck.length > 0 ? stuck.join(', ') : 'none' },
      { label: 'Status page outage (coincidence)', value: m.statusDown.map(([a, b]) => `${fmt(a)}–${fmt(b)}`).join(', ') },
      { label: 'Changes rolled back', value: m.rollbacks.map((r) => `${r.change} at ${fmt(r.at)}`).join(', ') || 'none' },
      { label: 'Reopened by rollbacks (security)', value: reopened(m).join('; ') || 'nothing' },
    ],
  };
}

function fmt(t: number): string {
  const min = Math.floor(t / 60);
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

export const model: ScenarioModel<CfState> = {
  init: initState,
  step,
  signals,
  act,
  investigate,
  truth,
};
