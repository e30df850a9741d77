/**
 * Counterfactuals the facts imply (fact sheet §3, §4): the model answers other plans with other,
 * plausible outcomes. Guided mode: these test the model, not discovery.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clock, type PlanStep, type Scenario } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import { act, loadAws, minutesFrom, referenceWithout, runGuided, series } from './test-helpers.ts';

let aws: Scenario<AwsState>;
let reference: ReturnType<typeof runGuided>;
beforeAll(async () => {
  aws = await loadAws();
  reference = runGuided(aws, aws.data.referencePlan);
});

const DWFM_FIX = ['throttle_ec2_work', 'restart_dwfm_hosts', 'relax_ec2_throttles'];

describe('the DNS record', () => {
  it('nothing done: DNS never recovers and DynamoDB fails to the end, on any seed', () => {
    for (const seed of [aws.data.defaultSeed, 1, 2, 3]) {
      const { at, world } = runGuided(aws, [], seed);
      expect(at.dns_restored, `seed ${seed}`).toBeNull();
      expect(at.dynamodb_recovered, `seed ${seed}`).toBeNull();
      expect(Math.min(...series(world, 'dynamodb_error_pct', '07:00', '22:05'))).toBeGreaterThan(80);
      expect(Math.min(...series(world, 'dns_empty_authoritative_pct', '06:49', '22:05'))).toBe(100);
    }
  });

  it('freezing the DNS automation before 06:48 prevents the outage altogether', () => {
    const { at, world } = runGuided(aws, [act('06:31', 'freeze_dns_automation')]);
    expect(at.impact_start).toBeNull();
    expect(world.model.raceAt).toBeNull();
    expect(Math.max(...series(world, 'ec2_launch_error_pct', '06:30', '22:05'))).toBeLessThan(2);
  });

  it('a hand restore without the repaired tooling takes more than twice as long (09:25 becomes about 10:35)', () => {
    const { at } = runGuided(aws, referenceWithout(aws, ['repair_recovery_tooling']));
    expect(minutesFrom(at.dns_restored, '10:45')!).toBeGreaterThanOrEqual(-5);
    expect(minutesFrom(at.dns_restored, '10:45')!).toBeLessThanOrEqual(5);
  });

  it('negative caching: resolvers serve the empty answer after the authoritative fix; flushing caches at once shortens the tail', () => {
    const probe = series(reference.world, 'dns_empty_resolver_pct', '09:30', '09:30')[0]!;
    expect(series(reference.world, 'dns_empty_authoritative_pct', '09:30', '09:30')[0]).toBe(0);
    expect(probe).toBeGreaterThan(50);
    const flushed = runGuided(aws, [...aws.data.referencePlan, act('09:25', 'advise_customers', { advice: 'flush_dns_caches' })]).world;
    const at0933 = (w: typeof flushed) => series(w, 'dynamodb_error_pct', '09:33', '09:33')[0]!;
    expect(at0933(flushed)).toBeLessThan(at0933(reference.world) * 0.8);
  });
});

describe('DWFM: congestive collapse, a metastable state', () => {
  it('DNS restored without throttling or restarting DWFM: launches stay broken to the end', () => {
    const { at, world } = runGuided(aws, referenceWithout(aws, DWFM_FIX));
    expect(at.dynamodb_recovered).not.toBeNull();
    expect(at.leases_restored).toBeNull();
    expect(at.ec2_normal).toBeNull();
    expect(Math.min(...series(world, 'ec2_launch_error_pct', '10:00', '22:05'))).toBeGreaterThan(95);
    // The trigger is gone (DynamoDB answers) but the queue keeps itself going.
    expect(Math.min(...series(world, 'dwfm_queue_depth', '09:30', '22:05'))).toBeGreaterThan(400);
    expect(world.model.collapsed).toBe(true);
  });

  it('a throttle alone leaves the collapsed queue in place', () => {
    const { at } = runGuided(aws, referenceWithout(aws, ['restart_dwfm_hosts']));
    expect(at.leases_restored).toBeNull();
  });

  it('restarting every DWFM host at once without a throttle: the collapse returns at once', () => {
    const { at, world } = runGuided(aws, referenceWithout(aws, DWFM_FIX, [act('11:14', 'restart_dwfm_hosts', { scope: 'all_at_once' })]));
    expect(at.leases_restored).toBeNull();
    expect(Math.min(...series(world, 'dwfm_queue_depth', '11:20', '22:05'))).toBeGreaterThan(400);
  });

  it('selective restarts without a throttle: leases come back for a while, then launch work refills the queue and it collapses again', () => {
    const { at, world } = runGuided(aws, referenceWithout(aws, ['throttle_ec2_work', 'relax_ec2_throttles']));
    expect(at.leases_restored).toBeNull();
    const leased = series(world, 'dwfm_leased_pct', '11:14', '22:05');
    expect(Math.max(...leased)).toBeGreaterThan(30);
    expect(leased.at(-1)!).toBeLessThan(5);
  });

  it('throttled and restarted selectively: every lease back about 74 minutes after the restart (as 11:14 → 12:28)', () => {
    expect(minutesFrom(reference.at.leases_restored, '12:28')).toBe(0);
  });
});

describe('NLB health checks and the throttles', () => {
  it('automatic NLB failover left on: the connection errors last about an hour longer, until propagation is normal', () => {
    const { at } = runGuided(aws, referenceWithout(aws, ['disable_nlb_auto_failover', 'enable_nlb_auto_failover']));
    expect(at.nlb_errors_start).toBe(reference.at.nlb_errors_start);
    expect(minutesFrom(at.nlb_recovered, '16:36')!).toBeGreaterThan(45);
    expect(at.nlb_recovered!).toBeGreaterThan(at.propagation_normal!);
  });

  it('throttles relaxed all at once: the waiting launches flood DWFM and Network Manager, a relapse', () => {
    const plan = aws.data.referencePlan.map((s): PlanStep => ('action' in s && s.action === 'relax_ec2_throttles' ? { ...s, params: { pace: 'all_at_once' } } : s));
    const { at, relapses, world } = runGuided(aws, plan);
    expect(at.ec2_normal).toBeNull();
    expect(at.leases_restored).toBeNull();
    expect(relapses.some((r) => r.marker === 'leases_restored' && r.relapsedAt > clock('18:23'))).toBe(true);
    expect(Math.max(...series(world, 'propagation_p50_ms', '18:25', '19:30'))).toBeGreaterThan(30_000);
    expect(Math.max(...series(world, 'ec2_ice_pct', '19:00', '22:05'))).toBeGreaterThan(20);
  });

  it('replacing "unhealthy" NLB targets adds new instances whose state has not arrived: more flapping', () => {
    const { world } = runGuided(aws, [...aws.data.referencePlan, act('13:00', 'replace_unhealthy_targets'), act('13:10', 'replace_unhealthy_targets')]);
    const flaps = (w: typeof world) => series(w, 'nlb_capacity_out_pct', '13:30', '13:30')[0]!;
    expect(flaps(world)).toBeGreaterThan(flaps(reference.world));
  });
});

describe('a team that reads the evidence early', () => {
  it('an early, correct diagnosis and the right sequence recover hours earlier', () => {
    const fast: PlanStep[] = [
      { at: '07:00', action: 'post_health_dashboard', params: { state: 'investigating', components: ['dynamodb'], message: 'We are investigating DynamoDB errors in US-EAST-1.' } },
      { at: '07:05', diagnose: { trigger: 'event_enactor_plan_overwrite', component: 'component_dns_enactor', mechanism: 'race_condition', text: '' } },
      act('07:05', 'repair_recovery_tooling'), act('07:05', 'throttle_ec2_work'), act('07:06', 'freeze_dns_automation'),
      act('07:42', 'restore_dns_by_hand'), act('08:53', 'restart_dwfm_hosts', { scope: 'selective' }),
      act('08:53', 'advise_customers', { advice: 'flush_dns_caches' }), act('09:00', 'restore_lambda_sqs_poller'),
      act('10:00', 'disable_nlb_auto_failover'), act('13:30', 'relax_ec2_throttles', { pace: 'stepwise' }),
    ];
    const { at } = runGuided(aws, fast);
    expect(minutesFrom(at.dynamodb_recovered, '09:40')!).toBeLessThan(-25);
    expect(minutesFrom(at.leases_restored, '12:28')!).toBeLessThan(-120);
    expect(minutesFrom(at.ec2_normal, '20:50')!).toBeLessThan(-240);
    expect(minutesFrom(at.all_resolved, '21:20')!).toBeLessThan(-240);
  });
});
