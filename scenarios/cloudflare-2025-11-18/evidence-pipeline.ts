/**
 * Evidence from the Bot Management module's inputs and the pipeline behind them: the versions of
 * the feature file as distributed, the generation query and its results per node, the ClickHouse
 * cluster's state. Data only: counts, times, node names and the loader's setting.
 */
import { clockLabel, formatClockSeconds, type EvidenceBody } from '../../server/engine/index.ts';
import { CHANGES, GRANT_CHANGE } from './change-catalog.ts';
import {
  CLICKHOUSE_NODES, FEATURE_LIMIT, NORMAL_FEATURES, R0_EXTRA_FEATURES, REGIONS, isBadFile, nodeUpdated, updatedCount,
  type CfState, type FeatureFile,
} from './model-state.ts';

/** §3: the feature-file job's query (no database filter). */
export const FEATURE_QUERY = "SELECT name, type FROM system.columns WHERE table = 'http_requests_features' order by name;";
/** Versions listed one per row; earlier ones are summarised by feature count. */
const LISTED_VERSIONS = 24;
/** The file was generated every five minutes all night (assumption): versions before the window start with 00:02. */
const MIDNIGHT_FIRST = 120;

export const nodeName = (i: number) => `clickhouse-${String(i + 1).padStart(2, '0')}`;
const GRANT_REF = CHANGES.find((c) => c.id === GRANT_CHANGE)!.ref;
const MAX_LAG = Math.max(...REGIONS.map((r) => r.lagS));

/** Consecutive versions with the same feature count, as "from–to: n features × k versions". */
function runs(files: readonly FeatureFile[]): { from: number; to: number; features: number; count: number }[] {
  const out: { from: number; to: number; features: number; count: number }[] = [];
  for (const f of files) {
    const last = out.at(-1);
    if (last && last.features === f.features) { last.to = f.at; last.count++; } else out.push({ from: f.at, to: f.at, features: f.features, count: 1 });
  }
  return out;
}

export function fileHistory(m: CfState, t: number): EvidenceBody {
  const files = m.files.filter((f) => f.at <= t);
  const listed = files.slice(-LISTED_VERSIONS);
  const earlier = files.slice(0, files.length - listed.length);
  // The night's versions (all normal) before the first one this model keeps, then the kept ones.
  const overnight = Math.floor((files[0]!.at - MIDNIGHT_FIRST) / 300);
  const night = overnight > 0 ? [{ from: MIDNIGHT_FIRST, to: files[0]!.at - 300, features: NORMAL_FEATURES, count: overnight }] : [];
  const summary = runs(earlier).reduce((acc, r) => {
    const last = acc.at(-1);
    if (last && last.features === r.features) { last.to = r.to; last.count += r.count; } else acc.push({ ...r });
    return acc;
  }, night);
  const earlierText = summary.map((r) => `${r.from === r.to ? clockLabel(r.from) : `${clockLabel(r.from)}–${clockLabel(r.to)}`}: ${r.features} features × ${r.count}`);
  const oversize = listed.some(isBadFile) || earlier.some(isBadFile);
  return {
    leads: ['artefact_feature_file', 'pipeline_feature_generation', 'component_clickhouse'],
    ...(oversize ? { shows: ['feature_file_over_limit', 'file_grew_after_grant'] } : {}),
    summary: `Bot Management module inputs, to ${clockLabel(t)}: feature file, last ${listed.length} versions`,
    detail: 'Inputs the module loads: the feature file (generated every 5 minutes by the feature-file job); the scoring model (version of 11-12, unchanged); the verified-bots list (refreshed 06:00). '
      + `FL2 loader setting for the feature file: memory preallocated for ${FEATURE_LIMIT} features. `
      + `Earlier versions today: ${earlierText.join(' · ') || 'none'}.`,
    table: {
      columns: ['generated', 'source', 'features', 'on the edge'],
      rows: listed.map((f) => [
        clockLabel(f.at),
        f.node < 0 ? 'uploaded by hand' : `feature-file job on ${nodeName(f.node)}`,
        f.features,
        f.node < 0 ? 'on next configuration poll' : `${formatClockSeconds(f.at)}–${formatClockSeconds(f.at + edgeSeconds(m, f) + MAX_LAG)}`,
      ]),
    },
  };
}

/** How long a generated file took to reach every proxy (from the edge log). */
function edgeSeconds(m: CfState, f: FeatureFile): number {
  return m.edgeLog.find((s) => s.at === f.at)?.dur ?? 60;
}

export function generationQuery(m: CfState, t: number): EvidenceBody {
  const rows: (string | number)[][] = [];
  for (let i = 0; i < CLICKHOUSE_NODES; i++) {
    const r0 = nodeUpdated(m, i, t) ? R0_EXTRA_FEATURES : 0;
    rows.push([nodeName(i), NORMAL_FEATURES + r0, NORMAL_FEATURES, r0]);
  }
  return {
    leads: ['component_clickhouse'],
    ...(rows.some((r) => r[3] !== 0) ? { shows: ['query_returns_r0_rows'] } : {}),
    summary: `Feature-file query, run on each of ${CLICKHOUSE_NODES} ClickHouse nodes at ${clockLabel(t)}`,
    detail: `The job's query: ${FEATURE_QUERY} It runs on whichever node answers. Rows it returns on each node, and the same rows counted by database (SELECT database, count() … GROUP BY database):`,
    table: { columns: ['node', 'rows returned', 'database = default', 'database = r0'], rows },
  };
}

export function clickhouseCluster(m: CfState, t: number): EvidenceBody {
  const rows = m.grantAt.map((at, i) => {
    const applied = nodeUpdated(m, i, t);
    const reverted = m.revertFrom !== null && at < m.revertFrom && !applied;
    const state = applied ? `applied ${clockLabel(at)}` : reverted ? 'reverted' : at <= t ? 'not applied' : 'pending';
    return [nodeName(i), 'up', '0 s', state];
  });
  return {
    leads: [GRANT_CHANGE],
    ...(t >= Math.min(...m.grantAt) ? { shows: ['grant_change_listed'] } : {}),
    summary: `ClickHouse analytics cluster at ${clockLabel(t)}: ${CLICKHOUSE_NODES} nodes up, ${updatedCount(m, t)} with ${GRANT_REF} applied`,
    detail: `Node health, replication lag and configuration state. Query error rate 0.01%, p99 query latency 180 ms, disk use 61%. ${GRANT_REF} (access control: explicit grants on the underlying r0 tables) is applied node by node.`,
    table: { columns: ['node', 'state', 'replication lag', GRANT_REF], rows },
  };
}
