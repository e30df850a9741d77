/**
 * Hidden state of the AWS us-east-1 model (20 October 2025), its constants and the small pure
 * helpers every part of the model shares. Facts come from /work/shared/facts/aws-us-east-1-2025-10-20.md
 * (rows cited as "§n"); every number the facts do not give is an assumption listed in docs/model.md.
 * Units: sim seconds for times, minutes for rates; fleet shares are fractions of the region's droplets.
 */
import { clock } from '../../server/engine/index.ts';

/** §1 06:48: the delayed Enactor's old plan lands and the cleanup deletes it. The only scheduled event. */
export const RACE_AT = clock('06:48');

/** Hand restore of the record tree (§4 08:15–09:25): 70 minutes of work with working tooling. */
export const RESTORE_WORK_MIN = 70;
/** Without the repaired tooling the same work goes at this share of the speed (assumption: hand-written change batches against UUID-named records, §3.1). */
export const RESTORE_SLOW_FACTOR = 70 / 150;

/** Internal services reach the temporary endpoint a few minutes after it is up (§1 08:15 → STS 08:19, sign-in 08:25). */
export const STS_RECOVERY_LAG = 4 * 60;
export const SIGNIN_RECOVERY_LAG = 10 * 60;

/** Assumption (§7 "not published"): leases lapse evenly over about 2 h 36 min (06:48 → 09:24, §1). Jittered per seed. */
export const LAPSE_MIN = 156;
/** Assumption: DWFM can re-lease the whole region in about an hour at full speed (§4: 11:14 → 12:28 with the throttle on). */
export const DWFM_CAPACITY = 1 / 60;
/** Queued work above this share of the fleet makes lease work outlast its timeout: congestive collapse (§3.2). */
export const COLLAPSE_AT = 0.3;
/** A selective restart re-admits the unleased droplets host by host, a little under DWFM's capacity (§3.2, assumption). */
export const READMIT_RATE = DWFM_CAPACITY * 0.84;
/** DWFM work of launch workflows at the normal launch rate, as a share of its capacity (assumption). */
export const LAUNCH_WORK = 0.25 * DWFM_CAPACITY;

/** The throttle on incoming EC2 work admits this multiple of the normal launch rate (assumption). */
export const THROTTLE_CAP = 0.5;
/** Stepwise relaxation: the cap rises by one normal rate every step while DWFM and Network Manager stay healthy (§4 18:23 → 20:50). */
export const RELAX_STEP_MIN = 24;
export const RELAX_STEP = 0.6;
/** Above this cap the throttle is gone. */
export const RELAX_FULL_CAP = 4.4;
/** Share of unmet launch demand that stays pending (Auto Scaling, ECS, replacements) and comes back later (assumption). */
export const PENDING_SHARE = 0.8;
/** Pending demand returns over about this many minutes once launches are admitted; at most this multiple of the normal rate. */
export const PENDING_RETURN_MIN = 20;
export const PENDING_MAX_RATE = 9;

/** Network Manager (assumptions, calibrated to §1 12:28 → 13:21 → 17:36): changes per minute, capacity 1. */
export const NM_HELD_PER_MIN = 0.828;
export const NM_RELEASE_RATE = 2.4;
export const NM_WORK_PER_LAUNCH = 0.2;
export const NM_BASE_LATENCY_S = 8;
export const NM_SECONDS_PER_CHANGE = 3.67;

/** NLB health checks fail on a new node whose network state takes longer than this to arrive (assumption). */
export const HC_GRACE_S = 12;
/** Headroom: NLBs serve their load until this share of node capacity is out of service (assumption). */
export const NLB_HEADROOM = 0.15;
/** STS's own load balancers fail over once this much capacity is out (assumption; §1 15:31 second wave). */
export const STS_NLB_AT = 0.52;

/** Redshift nodes whose credentials were not refreshed during the IAM outage start host replacements about 7 h later (§1 13:45; assumption on the cause's timing). */
export const REDSHIFT_REPLACE_AFTER = 7 * 3600;

export interface HdPost { at: number; message: string }

export interface AwsState {
  /** Per-seed jitter of the unpublished constants (lapse span, negative-cache TTL, Network Manager speed). */
  lapseMin: number;
  negativeTtlMin: number;
  nmSpeed: number;
  /** DNS automation frozen in every region (effective time), or null. */
  frozenAt: number | null;
  /** When the regional record went empty (the race), or null when it never did. */
  raceAt: number | null;
  /** Authoritative answers correct again (hand restore complete), or null. */
  restoredAt: number | null;
  /** Minutes of hand-restore work done (at tooling speed), or null when none has started. */
  restoreWork: number | null;
  /** Temporary internal endpoint up and recovery tooling repaired, or null. */
  toolingAt: number | null;
  /** Customer advice given (Health Dashboard / account teams). */
  flushAdviceAt: number | null;
  azAdviceAt: number | null;
  backoffAdviceAt: number | null;
  /** Droplets with an active lease (share of the fleet). */
  leased: number;
  /** DWFM work queued, lease work and launch workflows (shares of the fleet). */
  leaseQueue: number;
  launchQueue: number;
  collapsed: boolean;
  /** Unleased droplets waiting for their host's turn in a selective restart. */
  readmit: number;
  /** Reserve hosts added to the launch pools (each needs a lease too). */
  reserveAdded: boolean;
  /** Admitted launch rate (normal = 1), or null without a throttle. */
  throttleCap: number | null;
  throttledAt: number | null;
  /** Stepwise relaxation in progress: when the last step was taken. */
  relaxLastStep: number | null;
  /** Unmet launch demand waiting to come back (normal-minutes), and the failure share customers see (smoothed). */
  pending: number;
  failSeen: number;
  /** Network Manager: changes held while DWFM is impaired, and changes queued for propagation. */
  nmHeld: number;
  nmQueue: number;
  /** NLB: automatic AZ failover on, health-check subsystem degradation (0–1), node capacity out of service (0–1). */
  autoFailover: boolean;
  hcDegradation: number;
  capacityOut: number;
  /** Targets replaced by hand: extra new instances to check (decays). */
  replacements: number;
  /** STS front ends failed over by the NLB health checks (0–1, smoothed). */
  stsNlb: number;
  /** Lambda: SQS poller failed (and when it was restored), backlog in units of normal minutes, capacity short (0–1). */
  pollerFailed: boolean;
  pollerRestoredAt: number | null;
  sqsBacklog: number;
  lambdaShort: number;
  /** Container tasks pending (0–100 % of the scale). */
  ecsBacklog: number;
  redshiftStuck: number;
  /** Fleet restarts of other services (a detour): until when their errors last. */
  restartUntil: Record<string, number>;
  /** Shield/edge protection engaged (a detour). */
  shieldAt: number | null;
  /** Bit sets of page groups firing now and of feed reports already said; when each page group first paged (-1: never). */
  pages: number;
  pageFirst: number[];
  said: number;
  hdPosts: HdPost[];
  /** What the operators' tools keep: a row every five minutes (see HISTORY_FIELDS), for evidence over a window. */
  history: number[][];
}

/** The columns of a history row. */
export const HISTORY_FIELDS = ['t', 'leased', 'dwfmQueue', 'collapsed', 'nmQueue', 'capacityOut', 'flapPressure', 'throttleCap', 'sqsBacklog'] as const;
export const HISTORY_EVERY = 300;

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const minutesSince = (since: number | null, t: number): number => (since === null ? -Infinity : (t - since) / 60);

/** A shallow copy written out field by field: one fixed object shape per step. */
export function copyState(m: AwsState): AwsState {
  return {
    lapseMin: m.lapseMin, negativeTtlMin: m.negativeTtlMin, nmSpeed: m.nmSpeed,
    frozenAt: m.frozenAt, raceAt: m.raceAt, restoredAt: m.restoredAt, restoreWork: m.restoreWork, toolingAt: m.toolingAt,
    flushAdviceAt: m.flushAdviceAt, azAdviceAt: m.azAdviceAt, backoffAdviceAt: m.backoffAdviceAt,
    leased: m.leased, leaseQueue: m.leaseQueue, launchQueue: m.launchQueue, collapsed: m.collapsed, readmit: m.readmit,
    reserveAdded: m.reserveAdded, throttleCap: m.throttleCap, throttledAt: m.throttledAt, relaxLastStep: m.relaxLastStep,
    pending: m.pending, failSeen: m.failSeen, nmHeld: m.nmHeld, nmQueue: m.nmQueue,
    autoFailover: m.autoFailover, hcDegradation: m.hcDegradation, capacityOut: m.capacityOut, replacements: m.replacements, stsNlb: m.stsNlb,
    pollerFailed: m.pollerFailed, pollerRestoredAt: m.pollerRestoredAt, sqsBacklog: m.sqsBacklog, lambdaShort: m.lambdaShort,
    ecsBacklog: m.ecsBacklog, redshiftStuck: m.redshiftStuck, restartUntil: m.restartUntil, shieldAt: m.shieldAt,
    pages: m.pages, pageFirst: m.pageFirst, said: m.said, hdPosts: m.hdPosts, history: m.history,
  };
}

/**
 * A copy with some fields changed (actions), in `copyState`'s shape: `{ ...m, x }` gives the state
 * another hidden class, and the step and signals reading it go polymorphic for the rest of the run.
 */
export function withState(m: AwsState, changes: Partial<AwsState>): AwsState {
  return Object.assign(copyState(m), changes);
}
