/**
 * A spy responder plays a whole realistic session through the engine (the real responders' plan,
 * plus every investigation tried the minute the first alert fires) and serialises every team
 * observation, minute by minute. Nothing that names the cause may show before the lead that unlocks
 * it: not a tool id, not a word of a title, option or evidence. The same check over real sockets
 * lives with the transport tests.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../server/scenario-registry/load-scenarios.ts';
import {
  available, clock, GENERIC_TRIGGERS, createWorld, formatClock, observe, planToCommands, playTo, type Scenario, type TimedCommand,
} from '../server/engine/index.ts';

interface Secret {
  /** What must not be seen… */
  pattern: RegExp;
  /** …before one of these leads is found. */
  unlockedBy: string[];
}

const CASES: { id: string; firstAlert: string; secrets: Secret[] }[] = [
  {
    id: 'cloudflare-2025-11-18',
    firstAlert: '11:32',
    secrets: [
      { pattern: /stop_feature_generation/, unlockedBy: ['artefact_feature_file', 'pipeline_feature_generation'] },
      { pattern: /push_known_good_file/, unlockedBy: ['artefact_feature_file'] },
      { pattern: /feature[- ]file/i, unlockedBy: ['artefact_feature_file', 'pipeline_feature_generation'] },
      { pattern: /clickhouse/i, unlockedBy: ['component_clickhouse', 'change_clickhouse_grants', 'pipeline_feature_generation'] },
      { pattern: /\b200\b[- ]?features?|200-feature|preallocates for 200/i, unlockedBy: ['artefact_feature_file'] },
    ],
  },
  {
    id: 'cloudflare-2025-12-05',
    firstAlert: '08:51',
    secrets: [
      { pattern: /killswitch/i, unlockedBy: ['change_waf_killswitch'] },
      { pattern: /\blua\b/i, unlockedBy: ['component_fl1_rules_engine'] },
    ],
  },
  {
    // The pages name what fires (the precise alarm included): the secrets are the tools and the plan data.
    id: 'aws-us-east-1-2025-10-20',
    firstAlert: '06:51',
    secrets: [
      { pattern: /restore_dns_by_hand/, unlockedBy: ['artefact_ddb_endpoint_record'] },
      { pattern: /repair_recovery_tooling/, unlockedBy: ['component_dns_enactor'] },
      { pattern: /\b12108\b/, unlockedBy: ['artefact_ddb_endpoint_record', 'component_dns_enactor'] },
      { pattern: /restart_dwfm_hosts|throttle_ec2_work|DropletWorkflow/, unlockedBy: ['component_dwfm'] },
      { pattern: /disable_nlb_auto_failover/, unlockedBy: ['component_nlb_health_checks'] },
    ],
  },
];

describe.each(CASES)('$id: a spy responder in realistic mode', ({ id, firstAlert, secrets }) => {
  let scenario: Scenario;
  beforeAll(async () => {
    const r = await loadScenario(path.resolve(import.meta.dirname, id));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    scenario = r.scenario;
  });

  it('sees no cause-naming tool, option or word before the lead that unlocks it, and each one after', () => {
    const start = createWorld(scenario, scenario.data.defaultSeed);
    // Everything on the runbook at the first alert, every enum option: the curious responder.
    const curious: TimedCommand[] = available(scenario, start).investigations.flatMap((inv) => {
      const choice = inv.params.find((p) => p.type === 'enum');
      const choices = choice?.type === 'enum' ? choice.options.map((o) => ({ [choice.name]: o.value })) : [{}];
      return choices.map((params): TimedCommand => ({ at: clock(firstAlert), command: { type: 'investigate', investigation: inv.id, params } }));
    });
    const commands = [...curious, ...planToCommands(scenario.data.referencePlan)].sort((a, b) => a.at - b.at);
    let world = start;
    let next = 0;
    const firstSeen = new Map<RegExp, number>();
    for (let t = clock(scenario.data.clock.start); t <= clock(scenario.data.clock.end); t += 60) {
      ({ world, next } = playTo(scenario, world, commands, next, t));
      const view = JSON.stringify(observe(scenario, world, { role: 'team' }));
      const found = new Set(world.leads.map((l) => l.id));
      for (const { pattern, unlockedBy } of secrets) {
        if (!pattern.test(view)) continue;
        firstSeen.set(pattern, firstSeen.get(pattern) ?? t);
        expect(unlockedBy.some((lead) => found.has(lead)), `${pattern} visible at ${formatClock(t)} before ${unlockedBy.join(' or ')}`).toBe(true);
      }
    }
    // The check can fail: every secret does show up once its lead is found.
    for (const { pattern } of secrets) expect(firstSeen.has(pattern), `${pattern} never shown`).toBe(true);
  });

  it('offers at the start only the generic toolbox, and its triggers are generic hypotheses', () => {
    const book = observe(scenario, createWorld(scenario, scenario.data.defaultSeed), { role: 'team' }).runbook;
    expect([...book.investigations, ...book.actions].every((x) => x.unlockedAt === null)).toBe(true);
    // The generic hypotheses only, sorted by label.
    expect(book.diagnosis.triggers.map((o) => o.label)).toEqual(GENERIC_TRIGGERS.map((o) => o.label).sort((a, b) => a.localeCompare(b, 'en')));
    expect(book.diagnosis.components).toEqual([]);
    const text = JSON.stringify(book);
    for (const { pattern } of secrets) expect(text).not.toMatch(pattern);
  });
});
