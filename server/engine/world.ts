/**
 * The state of one team's simulated world. Plain JSON, so it can be cloned, compared and
 * recomputed from a session's log. `model` and `rng` are hidden: only `observe()` decides what
 * leaves the server.
 */
import type { DiagnosisPart, EvidenceBody, ParamValues } from './scenario-definition.ts';
import type { RngState } from './rng.ts';
import type { SimSeconds } from './sim-time.ts';

export interface Sample {
  t: SimSeconds;
  values: Record<string, number>;
}

export interface ActionRecord {
  entry: number;
  action: string;
  params: ParamValues;
  requestedAt: SimSeconds;
  effectiveAt: SimSeconds;
  status: 'pending' | 'done';
  /** What the team is told when it takes effect. */
  outcome?: string;
  /** false when it took effect but found nothing to change (it earns no milestone); absent otherwise. */
  changed?: false;
  /** The responder who made the change (a player id; r1… headless); absent in logs from before attention. */
  by?: string;
  /** The responder is busy making the change until then (requestedAt + the action's workMinutes). */
  workUntil?: SimSeconds;
}

export interface InvestigationRecord {
  entry: number;
  investigation: string;
  params: ParamValues;
  requestedAt: SimSeconds;
  completesAt: SimSeconds;
  status: 'running' | 'complete' | 'cancelled';
  /** Without `leads` and `shows`, which the world keeps apart. */
  evidence?: Omit<EvidenceBody, 'leads' | 'shows'>;
  /** Hidden: the observations this finding shows (EvidenceBody.shows), for diagnosis support. */
  shows?: string[];
  /** The responder running it; absent in logs from before attention. */
  by?: string;
  /** When a teammate cancelled it (status 'cancelled': no evidence, the responder is free). */
  cancelledAt?: SimSeconds;
}

export interface DiagnosisRecord {
  entry: number;
  at: SimSeconds;
  by?: string;
  trigger: string;
  /** The failing component or artefact named (a lead id), or null (scenarios without that part, old logs). */
  component: string | null;
  mechanism: string;
  /** The findings attached as evidence (finding ids, `F12`). */
  evidence: string[];
  text: string;
  /** Hidden from the team until the debrief: every part right. */
  correct: boolean;
  /** Hidden too: each part on its own, so a partly right diagnosis can be scored and explained. */
  triggerRight: boolean;
  componentRight: boolean;
  mechanismRight: boolean;
  /** Hidden: whether the attached findings show what the scenario says backs each part. */
  support: Record<DiagnosisPart, boolean>;
  /** Every part supported: without it, even a right diagnosis is an unsupported guess. */
  supported: boolean;
}

/** `realistic`: tools unlock as the team finds leads; `guided`: everything from the start. */
export type SessionMode = 'realistic' | 'guided';

/** Something the team has found: when, and the evidence (investigation, alert, inject) that showed it. */
export interface LeadRecord {
  id: string;
  at: SimSeconds;
  source: string;
}

export interface FeedEntry {
  entry: number;
  at: SimSeconds;
  kind: 'alert' | 'alert-resolved' | 'customer-report' | 'notice' | 'inject';
  title: string;
  text: string;
  severity?: 'critical' | 'warning' | 'info';
  /** Injects only: a hint costs points in the debrief. */
  hint?: boolean;
  /** Alerts only: the rule that fired. */
  rule?: string;
  /** The scenario's inject id: scripted injects, and library injects sent by hand (which cancel their timed delivery). */
  inject?: string;
}

export interface AlertState {
  since: SimSeconds | null;
  firing: boolean;
}

export interface World<M = unknown> {
  scenarioId: string;
  seed: number;
  mode: SessionMode;
  t: SimSeconds;
  rng: RngState;
  model: M;
  /** Next id for an action, investigation, diagnosis or feed entry of this world. */
  nextEntry: number;
  actions: ActionRecord[];
  investigations: InvestigationRecord[];
  diagnoses: DiagnosisRecord[];
  /** In the order found; never removed. */
  leads: LeadRecord[];
  feed: FeedEntry[];
  samples: Sample[];
  alertState: Record<string, AlertState>;
}
