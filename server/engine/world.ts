/**
 * The state of one team's simulated world. Plain JSON, so it can be cloned, compared and
 * recomputed from a session's log. `model` and `rng` are hidden: only `observe()` decides what
 * leaves the server.
 */
import type { EvidenceBody, ParamValues } from './scenario-definition.ts';
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
}

export interface InvestigationRecord {
  entry: number;
  investigation: string;
  params: ParamValues;
  requestedAt: SimSeconds;
  completesAt: SimSeconds;
  status: 'running' | 'complete';
  evidence?: EvidenceBody;
}

export interface DiagnosisRecord {
  entry: number;
  at: SimSeconds;
  trigger: string;
  mechanism: string;
  text: string;
  /** Hidden from the team until the debrief. */
  correct: boolean;
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
  /** Library injects only: which one (a hand-sent one cancels its timed delivery). */
  injectId?: string;
}

export interface AlertState {
  since: SimSeconds | null;
  firing: boolean;
}

export interface World<M = unknown> {
  scenarioId: string;
  seed: number;
  t: SimSeconds;
  rng: RngState;
  model: M;
  /** Next id for an action, investigation, diagnosis or feed entry of this world. */
  nextEntry: number;
  actions: ActionRecord[];
  investigations: InvestigationRecord[];
  diagnoses: DiagnosisRecord[];
  feed: FeedEntry[];
  samples: Sample[];
  alertState: Record<string, AlertState>;
}
