/**
 * The diagnosis a team picks from names no answer. Triggers: the changes and events the team has
 * found (its `change`/`event` leads) and a few generic hypotheses; components: the components,
 * artefacts, pipelines and services it has found; mechanisms: generic failure classes, written
 * once here for incidents in general, every scenario alike. Offered sorted by label (available.ts),
 * so neither the order nor the wording points at one outage. A scenario only says which are correct.
 */
import type { DiagnosisOption, DiagnosisSpec, LeadSpec, Requires, DiagnosisPart } from './scenario-definition.ts';

/** Hypotheses a bridge call raises on any day, before anything specific is found. */
export const GENERIC_TRIGGERS: readonly DiagnosisOption[] = [
  { id: 'external_attack', label: 'An external attack (DDoS or abuse)' },
  { id: 'provider_outage', label: 'An outage at a third-party provider' },
  { id: 'hardware_or_datacenter', label: 'A hardware fault or datacenter event' },
  { id: 'code_release', label: 'A code release' },
  { id: 'demand_surge', label: 'A surge of legitimate demand' },
];

/** Failure classes of incidents in general, each about as specific as the others. */
export const GENERIC_MECHANISMS: readonly DiagnosisOption[] = [
  { id: 'generated_file_over_limit', label: 'Input over a built-in limit (size, count or length) makes the software fail' },
  { id: 'config_reaches_code_bug', label: 'A change exercises a latent bug on a code path never run before' },
  { id: 'traffic_overload', label: 'A surge of traffic exhausts capacity' },
  { id: 'dependency_cascade', label: 'A failing dependency takes down the services that rely on it' },
  { id: 'memory_exhaustion', label: 'Memory exhaustion (a leak or larger buffers) crashes processes' },
  { id: 'route_withdrawal', label: 'Withdrawn or leaked routes black-hole traffic' },
  { id: 'certificate_expiry', label: 'An expired or invalid certificate breaks TLS connections' },
  { id: 'database_overload', label: 'An overloaded database times out its queries' },
  { id: 'software_regression', label: 'A regression in newly released code fails on ordinary requests' },
  { id: 'hardware_failure', label: 'Failing hardware or lost capacity in some locations' },
  { id: 'race_condition', label: 'Concurrent processes race and leave shared state inconsistent' },
  { id: 'retry_storm', label: 'Retries amplify load until the system cannot recover' },
  { id: 'congestive_collapse', label: 'A backlog keeps itself going after its trigger is gone (congestive collapse)' },
  { id: 'dns_misdirection', label: 'DNS answers send clients nowhere or to the wrong place' },
  { id: 'quota_exhaustion', label: 'A quota, rate limit or connection pool runs out' },
  { id: 'bad_data_replicated', label: 'Corrupt or inconsistent data is replicated everywhere' },
  { id: 'clock_or_date_bug', label: 'Clock skew or a date-handling bug' },
  { id: 'health_check_misjudgement', label: 'Health checks misjudge healthy capacity and remove it' },
  { id: 'credential_failure', label: 'Expired or revoked credentials break authentication between services' },
  { id: 'disk_full', label: 'A disk or filesystem fills up' },
  { id: 'deadlock', label: 'Threads or locks deadlock and workers stop serving' },
  { id: 'cache_stampede', label: 'A cache empties and the load falls through to the store behind it' },
  { id: 'permissions_lockout', label: 'A permissions change locks legitimate users out' },
  { id: 'network_partition', label: 'A network partition isolates part of the system' },
  { id: 'resource_contention', label: 'Another workload starves the service of CPU or I/O' },
];

export const TRIGGER_LEAD_KINDS: readonly LeadSpec['kind'][] = ['change', 'event'];
/** Leads a team may name as the failing component or artefact. */
export const COMPONENT_LEAD_KINDS: readonly LeadSpec['kind'][] = ['component', 'artefact', 'pipeline', 'service'];

const fromLeads = (leads: readonly LeadSpec[], kinds: readonly LeadSpec['kind'][]): DiagnosisOption[] =>
  leads.filter((l) => kinds.includes(l.kind)).map((l) => ({ id: l.id, label: l.label, requires: { anyOf: [l.id] } }));

export function withDiagnosisCatalogue(
  leads: readonly LeadSpec[],
  declared: {
    triggers?: DiagnosisOption[] | undefined;
    mechanisms?: DiagnosisOption[] | undefined;
    correct: DiagnosisSpec['correct'];
    support: Partial<Record<DiagnosisPart, Requires | undefined>>;
  },
): DiagnosisSpec {
  const leadTriggers = fromLeads(leads, TRIGGER_LEAD_KINDS);
  const others = declared.triggers ?? GENERIC_TRIGGERS.map((o) => ({ ...o }));
  const taken = new Set(leadTriggers.map((o) => o.id));
  const support: DiagnosisSpec['support'] = {};
  for (const [part, requires] of Object.entries(declared.support) as [DiagnosisPart, Requires | undefined][]) if (requires) support[part] = requires;
  return {
    triggers: [...leadTriggers, ...others.filter((o) => !taken.has(o.id))],
    components: fromLeads(leads, COMPONENT_LEAD_KINDS),
    mechanisms: declared.mechanisms ?? GENERIC_MECHANISMS.map((o) => ({ ...o })),
    correct: { ...declared.correct, ...(declared.correct.component ? { component: [...declared.correct.component] } : {}) },
    support,
  };
}
