/**
 * The initial hidden state of the 18 Nov model: the rollout, the salt of the file sequence and the
 * coincidental status page outage, drawn from the seed and conditioned on the published shape.
 */
import type { ModelContext } from '../../server/engine/index.ts';
import {
  CLICKHOUSE_NODES, GEN_EVERY, GEN_PHASE, GRANT_AT, GROUPS, NORMAL_FEATURES, REGIONS, START, keyedUnit, type CfState,
} from './model-state.ts';
import { hasPublishedShape } from './published-shape.ts';

/** Redraws allowed to find the published shape (1 draw in ~16 has it: median 13 draws, at most 103 over seeds 1–1000). */
const SHAPE_ATTEMPTS = 400;

export function initState({ rng }: ModelContext): CfState {
  let salt = 0;
  let grantAt: number[] = [];
  for (let attempt = 0; attempt < SHAPE_ATTEMPTS; attempt++) {
    salt = Math.floor(rng.next() * 4294967296) >>> 0;
    // Rollout shape: nodes updated one after another with jitter, complete after 95–110 min (12:40–12:55).
    const rolloutS = rng.range(95, 110) * 60;
    grantAt = [];
    for (let i = 0; i < CLICKHOUSE_NODES; i++) grantAt.push(Math.round(GRANT_AT + rolloutS * (i + rng.next()) / CLICKHOUSE_NODES));
    if (hasPublishedShape(salt, grantAt)) break;
  }
  // Coincidental status page outages (hosted off Cloudflare, §1): one long, one short blip.
  const downA = Math.round(rng.range(11 * 3600 + 38 * 60, 11 * 3600 + 55 * 60));
  const downB = Math.round(rng.range(12 * 3600 + 40 * 60, 13 * 3600 + 10 * 60));
  return {
    salt,
    grantAt,
    revertFrom: null,
    revertS: 40 * 60,
    generating: true,
    files: [{ at: START + GEN_PHASE - GEN_EVERY, node: Math.floor(keyedUnit(salt, 0, 0) * CLICKHOUSE_NODES), features: NORMAL_FEATURES }],
    edgeFrom: REGIONS.map(() => 0),
    edgeTo: 0,
    edgeStart: START,
    edgeDur: 60,
    edgeLog: [{ at: START, dur: 60, to: 0, from: REGIONS.map(() => 0) }],
    kvBypass: false,
    kvBypassAt: null,
    accessBypass: false,
    ddos: false,
    kvLimited: false,
    warpOff: [],
    proxyRestartAt: null,
    breakerOpen: false,
    kvOkSince: START,
    pentUp: 0,
    loginQueue: 0,
    loginScaleAt: null,
    loginOk: 0.985,
    coreOkSince: START,
    exposure: GROUPS.map(() => 0),
    stuck: GROUPS.map(() => false),
    restartEnd: GROUPS.map(() => null),
    statusDown: [
      [downA, downA + Math.round(rng.range(12, 25) * 60)],
      [downB, downB + Math.round(rng.range(4, 8) * 60)],
    ],
    said: 0,
    rollbacks: [],
    queuedFeed: [],
  };
}
