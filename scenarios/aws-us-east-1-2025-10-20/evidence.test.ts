/**
 * Evidence is data: what each tool shows, over the window it covers, at the moment it runs; no
 * hindsight. And the first minutes bring an alarm storm with the one precise alarm inside it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  clock, createWorld, planToCommands, playTo, Rng, type EvidenceBody, type ParamValues, type Scenario, type World,
} from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import { loadAws } from './test-helpers.ts';

let aws: Scenario<AwsState>;
beforeAll(async () => { aws = await loadAws(); });

/** The reference run (guided) up to `hhmm`. */
function worldAt(hhmm: string): World<AwsState> {
  return playTo(aws, createWorld(aws, aws.data.defaultSeed, { mode: 'guided' }), planToCommands(aws.data.referencePlan), 0, clock(hhmm)).world;
}
const look = (world: World<AwsState>, id: string, params: ParamValues = {}): EvidenceBody =>
  aws.model.investigate(world.model, { id, params, requestedAt: world.t }, { t: world.t, rng: new Rng(1), data: aws.data });
const text = (e: EvidenceBody) => [e.summary, e.detail, ...(e.table?.rows.flat().map(String) ?? [])].join('\n');

describe('the alarm storm', () => {
  it('pages hundreds of alarms across services within a quarter of an hour, the precise one among them and not first', () => {
    const world = worldAt('07:05');
    const pages = world.feed.filter((f) => f.kind === 'alert' && f.rule?.startsWith('page:'));
    expect(pages.length).toBeGreaterThanOrEqual(20);
    expect(world.samples.at(-1)!.values.open_pages).toBeGreaterThan(250);
    const precise = pages.findIndex((f) => f.rule === 'page:ddb-dns');
    expect(precise).toBeGreaterThan(0);
    expect(pages[precise]!.severity).toBe('warning');
    expect(pages[precise]!.text).toMatch(/EnactorPlanApplyFailure/);
    // Grouped pages resolve when their condition clears: DynamoDB's by 09:45.
    expect(worldAt('09:50').feed.some((f) => f.kind === 'alert-resolved' && f.rule === 'page:ddb-frontend')).toBe(true);
  });

  it('triaging the pages lists the groups with their alarms and finds the DNS automation', () => {
    const e = look(worldAt('07:06'), 'triage_pages');
    expect(e.table!.rows.length).toBeGreaterThanOrEqual(15);
    expect(text(e)).toMatch(/ddb-dns-automation-use1/);
    expect(e.leads).toContain('component_dns_enactor');
  });
});

describe('the DNS tools', () => {
  it('dig answers normally before 06:48, NOERROR with zero answers after, and other names always resolve', () => {
    const before = look(worldAt('06:40'), 'dns_lookup', { name: 'dynamodb', resolver: 'authoritative' });
    expect(before.summary).toMatch(/ANSWER: 8/);
    expect(before.leads ?? []).toEqual([]);
    const after = look(worldAt('07:00'), 'dns_lookup', { name: 'dynamodb', resolver: 'authoritative' });
    expect(after.summary).toMatch(/NOERROR, ANSWER: 0/);
    expect(after.leads).toEqual(['artefact_ddb_endpoint_record']);
    expect(after.shows).toEqual(['endpoint_zero_answers']);
    expect(look(worldAt('07:00'), 'dns_lookup', { name: 'sts', resolver: 'authoritative' }).summary).toMatch(/ANSWER: 8/);
  });

  it('after the fix the authoritative answer is back while most resolvers still serve the cached empty answer', () => {
    const world = worldAt('09:28');
    expect(look(world, 'dns_lookup', { name: 'dynamodb', resolver: 'authoritative' }).summary).toMatch(/ANSWER: 8/);
    const resolvers = look(world, 'dns_lookup', { name: 'dynamodb', resolver: 'vpc_resolvers' });
    expect(resolvers.summary).toMatch(/1[0-9] NOERROR with 0 answers/);
    expect(resolvers.shows).toEqual(['endpoint_zero_answers']);
  });

  it('the zone history shows the overwrite and the deletion only when its window covers 06:48', () => {
    const early = look(worldAt('07:05'), 'record_history', { window: 'last_hour' });
    expect(early.shows).toEqual(expect.arrayContaining(['stale_plan_applied', 'active_plan_deleted', 'endpoint_zero_answers']));
    expect(early.leads).toContain('event_enactor_plan_overwrite');
    const late = look(worldAt('09:00'), 'record_history', { window: 'last_hour' });
    expect(late.shows).toEqual(['endpoint_zero_answers']);
    expect(late.leads).not.toContain('event_enactor_plan_overwrite');
    expect(look(worldAt('09:00'), 'record_history', { window: 'since_midnight' }).shows).toContain('active_plan_deleted');
  });

  it("the Enactors' logs: lock contention, the one-time check at 04:31, the 06:48 lines, then every transaction rejected", () => {
    const e = look(worldAt('07:18'), 'enactor_logs', { window: 'since_midnight' });
    const line = (time: string, pattern: RegExp) => e.table!.rows.some((r) => r[0] === time && pattern.test(String(r[3])));
    expect(line('04:31:07', /plan 12108 is newer than applied plan 12107/)).toBe(true);
    expect(line('06:48:03', /plan 12108: applying to dynamodb\.us-east-1\.amazonaws\.com/)).toBe(true);
    expect(line('06:48:06', /cleanup: deleted tree/)).toBe(true);
    expect(text(e)).toMatch(/held by enactor-use1-az4/);
    expect(text(e)).toMatch(/InvalidChangeBatch/);
    expect(e.shows).toEqual(expect.arrayContaining(['stale_plan_applied', 'active_plan_deleted', 'freshness_check_stale', 'enactor_updates_failing']));
    // An hour's window at 09:00 sees only the rejections; at 11:00, after the hand restore, nothing of the kind.
    expect(look(worldAt('09:00'), 'enactor_logs', { window: 'last_hour' }).shows).toEqual(['enactor_updates_failing']);
    expect(look(worldAt('11:00'), 'enactor_logs', { window: 'last_hour' }).shows).toEqual([]);
  });
});

describe('red herrings answer with data', () => {
  it('Route 53 answers normally, traffic shows no attack, capacity is physically there', () => {
    expect(look(worldAt('07:10'), 'route53_health').summary).toMatch(/within SLO/);
    expect(look(worldAt('07:10'), 'traffic_analysis').summary).toMatch(/no attack signature/);
    const capacity = look(worldAt('10:30'), 'capacity_report');
    expect(capacity.summary).toMatch(/99\.3% healthy; 0\.0% with an active DWFM lease/);
    expect(capacity.shows).toEqual(['unleased_droplets_idle']);
  });

  it('launch failures: no leased droplet while DNS is down, timed-out workflows in the collapse, the operator throttle after 12:28', () => {
    expect(text(look(worldAt('08:30'), 'ec2_launch_errors'))).toMatch(/no candidate droplet with an active DWFM lease/);
    const collapse = look(worldAt('10:30'), 'ec2_launch_errors');
    expect(text(collapse)).toMatch(/timed out waiting in the DWFM queue/);
    expect(collapse.shows).toEqual(['lease_work_timing_out']);
    expect(text(look(worldAt('13:30'), 'ec2_launch_errors'))).toMatch(/operator throttle on incoming work \(rule incoming-work-limit, since 11:16\)/);
  });

  it('the NLB targets pass direct probes while new nodes fail their checks for want of network state', () => {
    const e = look(worldAt('14:00'), 'nlb_health_history');
    expect(text(e)).toMatch(/no network configuration for ENI yet/);
    expect(e.shows).toEqual(['nlb_checks_fail_unpropagated']);
    expect(text(look(worldAt('14:00'), 'nlb_overview'))).toMatch(/100% \(direct probe\)/);
  });
});

describe('no hindsight', () => {
  it('no tool says what only the post-mortem knew', () => {
    const HINDSIGHT = /\brace\b|congestive|collapse|metastable|root cause|stale|latent|\bbug\b|misconfigur/i;
    for (const at of ['06:40', '07:10', '08:30', '10:30', '13:00', '15:00', '17:00', '19:30', '21:30']) {
      const world = worldAt(at);
      for (const inv of aws.data.investigations) {
        const choices = inv.params.length === 0 ? [{}] : inv.params.flatMap((p) => (p.type === 'enum' ? p.options.map((o) => ({ [p.name]: o.value })) : []));
        for (const params of choices) {
          const shown = text(look(world, inv.id, inv.params.length > 1 ? { name: 'dynamodb', resolver: 'authoritative', ...params } : params));
          expect(HINDSIGHT.test(shown), `${inv.id} ${JSON.stringify(params)} at ${at}: ${shown.match(HINDSIGHT)?.[0]}`).toBe(false);
        }
      }
      // What the world says by itself (pages, reports, notices); the facilitator's injects may quote a wrong reading on purpose.
      for (const f of world.feed.filter((x) => x.kind !== 'inject')) expect(HINDSIGHT.test(`${f.title} ${f.text}`), `${f.title} at ${at}`).toBe(false);
    }
  });
});
