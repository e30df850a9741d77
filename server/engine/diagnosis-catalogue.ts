/**
 * The diagnosis a team picks from names no answer. Triggers: the changes and events the team has
 * found (its `change`/`event` leads) and a few generic hypotheses; mechanisms: generic failure
 * classes, written once here for every scenario. A scenario only says which pair is correct.
 */
import type { DiagnosisOption, DiagnosisSpec, LeadSpec } from './scenario-definition.ts';

/** Hypotheses a bridge call raises on any day, before anything specific is found. */
export const GENERIC_TRIGGERS: readonly DiagnosisOption[] = [
  { id: 'external_attack', label: 'An external attack (DDoS or abuse)' },
  { id: 'provider_outage', label: 'An outage at a third-party provider' },
  { id: 'hardware_or_datacenter', label: 'A hardware fault or datacenter event' },
  { id: 'code_release', label: 'A code release' },
];

/** Failure classes, worded so that none points at one outage. */
export const GENERIC_MECHANISMS: readonly DiagnosisOption[] = [
  { id: 'generated_file_over_limit', label: 'A generated configuration or data file exceeds a hard limit of the software that loads it' },
  { id: 'config_reaches_code_bug', label: 'A configuration change reaches a latent code bug (a code path never exercised before)' },
  { id: 'traffic_overload', label: 'Traffic overload exhausts capacity' },
  { id: 'dependency_cascade', label: 'A failing dependency takes the services that rely on it down in cascade' },
  { id: 'memory_exhaustion', label: 'A memory leak or larger buffers exhaust memory and processes crash' },
  { id: 'route_withdrawal', label: 'Routes are withdrawn and traffic is black-holed' },
  { id: 'certificate_expiry', label: 'An expired certificate breaks TLS between services' },
  { id: 'database_overload', label: 'A database is overloaded and its queries time out' },
  { id: 'software_regression', label: 'A regression in newly released code fails on ordinary requests' },
  { id: 'hardware_failure', label: 'Failing hardware or lost capacity in some locations' },
];

export const TRIGGER_LEAD_KINDS: readonly LeadSpec['kind'][] = ['change', 'event'];

export function withDiagnosisCatalogue(
  leads: readonly LeadSpec[],
  declared: { triggers?: DiagnosisOption[] | undefined; mechanisms?: DiagnosisOption[] | undefined; correct: DiagnosisSpec['correct'] },
): DiagnosisSpec {
  const fromLeads: DiagnosisOption[] = leads
    .filter((l) => TRIGGER_LEAD_KINDS.includes(l.kind))
    .map((l) => ({ id: l.id, label: l.label, requires: { anyOf: [l.id] } }));
  const others = declared.triggers ?? GENERIC_TRIGGERS.map((o) => ({ ...o }));
  const taken = new Set(fromLeads.map((o) => o.id));
  return {
    triggers: [...fromLeads, ...others.filter((o) => !taken.has(o.id))],
    mechanisms: declared.mechanisms ?? GENERIC_MECHANISMS.map((o) => ({ ...o })),
    correct: { ...declared.correct },
  };
}
