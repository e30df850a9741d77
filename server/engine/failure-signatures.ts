/**
 * What each generic failure class (diagnosis-catalogue.ts) looks like in data: the log lines,
 * error messages and table shapes an on-call engineer recognises it by, written once for incidents
 * in general and never for one scenario. A finding is read as data (its lines and its table), so
 * an indicator is a pattern of a log format or a shape of numbers, not a word of an explanation.
 *
 * Used by the blind solver to reason from findings to a mechanism, and by authors to check that the
 * evidence they write shows what their diagnosis needs (docs/authoring-scenarios.md).
 */
import type { ActionKind, EvidenceBody } from './scenario-definition.ts';

export type FindingData = Pick<EvidenceBody, 'summary' | 'detail' | 'table'>;

/** What kind of change a change record describes, from its own words. */
export const CHANGE_KINDS = ['release', 'config', 'data', 'certificate', 'dns', 'network', 'infrastructure', 'load'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const CHANGE_KIND_PATTERNS: Record<ChangeKind, RegExp> = {
  release: /\brelease[ds]?\b|\bversion\b|\bv\d+(\.\d+)+\b|\bbuilds?\b|\bbinar(y|ies)\b|\bupgraded?\b|\bcode (change|deploy)/i,
  config: /\bconfig|\bsettings?\b|\bflags?\b|kill ?switch|\brules?\b|\bgrants?\b|\bpermissions?\b|access[- ]control|\bpolic(y|ies)\b|\bacls?\b|\blists?\b|\bparameters?\b|\btuning\b|\bthresholds?\b|\blimits?\b/i,
  data: /\bdata\b|\bschema\b|\bmigration\b|\btables?\b|\bdatabase\b|\bquer(y|ies)\b|\bgrants?\b|\bfeeds?\b/i,
  certificate: /certificate|\btls\b|\bssl\b/i,
  dns: /\bdns\b|\bresolver\b|\bnameservers?\b|\bzone file\b/i,
  network: /\bbgp\b|\broutes?\b|\brouting\b|\bprefix(es)?\b|\bpeering\b|\bnetwork\b|\bfirewall\b/i,
  infrastructure: /\bmaintenance\b|\bhardware\b|\bdecommission|\bpower\b|\bdatacent(er|re)s?\b|\bracks?\b|\bmigrat(e|ion) of hosts?\b/i,
  load: /\bcampaign\b|\blaunch\b|\bsale\b|\bmarketing\b|\btraffic shift\b/i,
};

/** The kinds a change record (its label, its row) describes; often more than one. */
export function changeKindsOf(text: string): ChangeKind[] {
  return CHANGE_KINDS.filter((kind) => CHANGE_KIND_PATTERNS[kind].test(text));
}

/** A shape of a finding's data: a pattern of its lines, or of its table's numbers. */
export interface Indicator {
  /** What seeing it means, as a trainer says it. */
  says: string;
  /** Matched against each line of the summary and detail, and each table row (cells joined). */
  lines?: RegExp;
  table?: (table: NonNullable<FindingData['table']>) => boolean;
}

/** A number at the start of a cell ("44.0", "4.3 M", "31%", "1,200"), or null. */
export function cellNumber(cell: string | number): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  const m = /^\s*[<>~≈]?\s*(-?\d[\d,]*(\.\d+)?)/.exec(cell);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

/** A column of sizes or counts of something loaded or stored (not of traffic, errors or time). */
const SIZE_HEADER = /\b(size|bytes?|kb|mb|gb|features?|entries|items|records|rows|lines|length|count|elements|keys|fields|columns|rules)\b/i;
const RATE_HEADER = /request|rps|qps|traffic|error|5xx|4xx|latency|cpu|share|%|per (second|minute)|rate|time|at\b|duration|age/i;
const VOLUME_ROW = /\b(requests?|rps|qps|traffic|volume|connections|queries|sessions)\b/i;
const BASELINE_HEADER = /last week|yesterday|baseline|usual|normal|before|same (time|hour)|typical|median|expected/i;
const NOW_HEADER = /^\s*(now|current|today|observed|last (minute|5 min|hour))\b/i;

/** Some column of sizes or counts more than doubles between its rows: an input grew. */
function inputGrew(table: NonNullable<FindingData['table']>): boolean {
  return table.columns.some((header, c) => {
    if (!SIZE_HEADER.test(header) || RATE_HEADER.test(header)) return false;
    const values = table.rows.map((row) => cellNumber(row[c] ?? '')).filter((v): v is number => v !== null && v > 0);
    return values.length >= 2 && Math.max(...values) >= 2 * Math.min(...values);
  });
}

/** Request volume now against its baseline, from a "measure | now | baseline" table, or null. */
function volumeRatio(table: NonNullable<FindingData['table']>): number | null {
  const now = table.columns.findIndex((h) => NOW_HEADER.test(h));
  const base = table.columns.findIndex((h) => BASELINE_HEADER.test(h));
  if (now < 0 || base < 0) return null;
  for (const row of table.rows) {
    if (!VOLUME_ROW.test(String(row[0] ?? ''))) continue;
    const [a, b] = [cellNumber(row[now] ?? ''), cellNumber(row[base] ?? '')];
    if (a !== null && b !== null && b > 0) return a / b;
  }
  return null;
}

/** "06:48", "06:48:04", "yesterday 17:00", "17:05 (19 Oct)" → seconds of the day (yesterday or a dated day before: negative), or null. */
function cellClock(cell: string | number): number | null {
  if (typeof cell !== 'string') return null;
  const m = /^\s*(yesterday\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\b/i.exec(cell);
  if (!m) return null;
  const t = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  return m[1] || /\(\d{1,2} [A-Z][a-z]{2}\)/.test(cell) ? t - 86400 : t;
}

/** The first column whose cells are clock times, with each row's time (null where a row has none). */
function timeColumn(table: NonNullable<FindingData['table']>): (number | null)[] | null {
  for (let c = 0; c < table.columns.length; c++) {
    const times = table.rows.map((row) => cellClock(row[c] ?? ''));
    if (times.filter((x) => x !== null).length >= Math.max(2, table.rows.length / 2)) return times;
  }
  return null;
}

/** A column of something that only ever goes up: a version, a generation, a sequence number. */
const VERSION_HEADER = /\b(versions?|generations?|revisions?|sequence|seq|serial|epoch|term|plan)\b/i;

/**
 * In a table of writes over time, a version column goes back by more than one step: something
 * older was written after something newer (a stale write, a lost update). Rows in time order only.
 */
function versionWentBack(table: NonNullable<FindingData['table']>): boolean {
  const times = timeColumn(table);
  if (!times) return false;
  const order = table.rows.map((row, i) => ({ row, t: times[i] })).filter((x): x is { row: (string | number)[]; t: number } => x.t !== null);
  if (order.some((x, i) => i > 0 && x.t < order[i - 1]!.t)) return false;
  return table.columns.some((header, c) => {
    if (!VERSION_HEADER.test(header) || RATE_HEADER.test(header)) return false;
    let newest = -Infinity;
    let step = Infinity;
    for (const { row } of order) {
      const v = cellNumber(row[c] ?? '');
      if (v === null) continue;
      if (v > newest) { if (newest > -Infinity) step = Math.min(step, v - newest); newest = v; continue; }
      // Back by more than the usual step between successive writes (at least two versions).
      if (newest - v > Math.max(1, step === Infinity ? 1 : step)) return true;
    }
    return false;
  });
}

/** A column of work waiting (queue, backlog, pending). */
const QUEUE_HEADER = /\b(queue[sd]?|queued|backlog|pending|waiting|in flight)\b/i;
/** A column of work done or capacity in service (what a working system raises). */
const PROGRESS_HEADER = /\b(done|completed?|processed|succeeded|success(ful)?|leased|healthy|in service|throughput|goodput|drained)\b/i;

/**
 * Over a table in time order, a queue keeps growing (its last rows each at least its previous, and
 * at the end more than twice where the run began) while what the system completes does not rise:
 * work piles up with no forward progress, the shape of a congestive collapse.
 */
function backlogStalled(table: NonNullable<FindingData['table']>): boolean {
  if (!timeColumn(table) || table.rows.length < 4) return false;
  const last4 = (c: number) => table.rows.map((row) => cellNumber(row[c] ?? '')).filter((v): v is number => v !== null).slice(-4);
  const queues = table.columns.flatMap((h, c) => (QUEUE_HEADER.test(h) && !PROGRESS_HEADER.test(h) ? [last4(c)] : []));
  const progress = table.columns.flatMap((h, c) => (PROGRESS_HEADER.test(h) ? [last4(c)] : [])).filter((p) => p.length >= 2);
  const growing = queues.some((q) => q.length === 4 && q.every((v, i) => i === 0 || v >= q[i - 1]!) && q[3]! > 2 * Math.max(q[0]!, 1e-9));
  return growing && progress.length > 0 && progress.every((p) => p.at(-1)! <= p[0]!);
}

export const INDICATORS = {
  crash: {
    says: 'processes crash or throw on requests (panics, uncaught exceptions, fatal errors)',
    lines: /\bpanick?(ed|s)?\b|\bpanic\b|segmentation fault|\bsigsegv\b|core dumped|fatal error|uncaught|unhandled exception|\bexception\b|traceback|stack trace|\bcrash(ed|es|ing)?\b|\babort(ed)?\b/i,
  },
  nil_access: {
    says: 'code reads a field or value that is not there (nil, null, undefined)',
    lines: /attempt to index|\bnil value\b|null pointer|nullpointerexception|nonetype|undefined is not|cannot read propert(y|ies) of (undefined|null)|\bkeyerror\b|missing (field|key)|no such (field|key)|nil (map|pointer) dereference/i,
  },
  limit_named: {
    says: 'an error or a setting names a limit, a maximum or a preallocated size',
    lines: /\blimit(s|ed)?\b|\bmax(imum)?\b|\bmax_\w+|preallocat|\bexceed(s|ed|ing)?\b|too (many|large|long|big)|\boverflow(s|ed)?\b|out of range|index out of (range|bounds)|\bcapacity (of|is)\b/i,
  },
  input_grew: {
    says: 'the size or count of something loaded or stored more than doubled',
    table: inputGrew,
  },
  input_load_failed: {
    says: 'the failure happens while loading, parsing or reading an input',
    lines: /\b(load|pars|read|fetch|append|deseriali[sz]|decod|import)\w*[^\n]{0,60}(\berr\b|error|fail|panic|unwrap|invalid)|(\berr\b|error|fail(ed|ure)?|panic(ked)?|invalid)[^\n]{0,60}\b(load|pars|read|fetch|append|deseriali[sz]|decod)\w*/i,
  },
  volume_up: {
    says: 'request volume is well above its baseline',
    table: (table) => { const r = volumeRatio(table); return r !== null && r >= 1.5; },
  },
  volume_flat: {
    says: 'request volume is at its baseline',
    lines: /within [\d.]+ ?% of (the )?(same time|weekly baseline|baseline|last week|usual|normal)/i,
    table: (table) => { const r = volumeRatio(table); return r !== null && r >= 0.8 && r <= 1.25; },
  },
  attack_signature: {
    says: 'attack classifiers, floods or abusive sources',
    // "attack classifiers" (or detections, signatures) name a tool, not an attack.
    lines: /\battack(s|ed)?\b(?!\s+(classifier|detection|signature)s?\b)|\bddos\b|\bsyn flood|\bbotnet\b|\bvolumetric\b|\bmalicious\b|\bflood(ing)?\b/i,
  },
  upstream_error: {
    says: 'calls to a dependency fail (refused, 503, circuit open)',
    lines: /connection refused|econnrefused|\b503\b|service unavailable|circuit (breaker )?open|dependency (failed|unavailable|down)|upstream (unavailable|down|failed)/i,
  },
  timeout: {
    says: 'calls time out',
    lines: /timed? ?out\b|deadline exceeded|etimedout|\b504\b|gateway timeout/i,
  },
  oom: {
    says: 'processes run out of memory',
    lines: /out of memory|\boom\b|oom[-_ ]?kill|outofmemory|memory (limit|exhausted)|cannot allocate|heap (space|exhausted)/i,
  },
  cert_error: {
    says: 'TLS handshakes fail on a certificate',
    lines: /certificate (has )?expired|\bx509\b|ssl_error|tls handshake (fail|error)|certificate (verify|verification) fail|certificate (is )?(invalid|not yet valid)|certificate_verify_failed/i,
  },
  dns_error: {
    says: 'name resolution fails or answers wrongly',
    // An answer without records: dig's header ("ANSWER: 0"), NOERROR with no records (NODATA) as a
    // summary or a table row says it ("A | NOERROR | 0"); getaddrinfo's ENOTFOUND is a client's failed lookup.
    lines: /\bnxdomain\b|\bservfail\b|\bnodata\b|no such host|could not resolve|name resolution (fail|error)|empty (dns )?(answer|record)|dns (lookup|resolution) (fail|error)|no a records?|\benotfound\b|\beai_noname\b|getaddrinfo (failed|error)|\banswer: 0\b|\bnoerror\b[^\n]{0,40}?(\b(0|zero|no) (answers?|records?)\b|\| 0\s*($|\|))/i,
  },
  route_change: {
    says: 'routes are withdrawn, leaked or flapping',
    lines: /\bwithdrawn\b|route leak|\bhijack(ed)?\b|prefix(es)? (withdrawn|missing|not announced)|bgp sessions? (down|flapp)|black-?hol/i,
  },
  db_overload: {
    says: 'the database is slow or refuses connections',
    lines: /query timeout|too many connections|lock wait timeout|slow quer(y|ies)|statement timeout|replication lag|connection pool (exhausted|saturated)/i,
  },
  retry: {
    says: 'clients retry failed requests',
    lines: /\bretr(y|ies|ying|ied)\b|\bbackoff\b|thundering herd/i,
  },
  backlog: {
    says: 'a queue or backlog keeps growing',
    lines: /\bbacklog\b|queue (depth|length|full|grow)|\bqueued\b|lag(ging)? behind/i,
  },
  quota: {
    says: 'a quota, rate limit or pool runs out',
    lines: /\bquota\b|rate[- ]limit(ed|ing)? (exceeded|hit|reached)|\b429\b|too many requests|\bthrottl(ed|ing)\b|pool (exhausted|full)|no (free|available) connections/i,
  },
  corrupt_data: {
    says: 'data is corrupt, malformed or inconsistent between copies',
    lines: /\bcorrupt(ed|ion)?\b|checksum (mismatch|error|fail)|\bmalformed\b|invalid (data|record|format|entry)|\binconsistent\b|\btruncated\b/i,
  },
  clock_issue: {
    says: 'clocks disagree or a date is handled wrongly',
    lines: /clock skew|time skew|leap (second|year)|\bntp\b|1970-01-01|year 20(38|00)|time ?zone (error|mismatch)|date (parse|overflow)/i,
  },
  health_check: {
    says: 'health checks mark capacity unhealthy and remove it',
    lines: /health[- ]?checks? (fail|mark)|marked (unhealthy|down|out)|removed from (the )?(pool|rotation|load balancer)|\bdraining\b|failing health/i,
  },
  auth_error: {
    says: 'callers are rejected as unauthenticated (expired or revoked credentials)',
    lines: /\b401\b|\bunauthori[sz]ed\b|token (expired|invalid|revoked)|credentials? (expired|invalid|rejected|revoked)|signature (expired|mismatch)|authentication (failed|failure|error)/i,
  },
  permission_denied: {
    says: 'callers are authenticated but denied access',
    lines: /permission denied|access denied|\b403\b|\bforbidden\b|not permitted|\beacces\b/i,
  },
  disk_full: {
    says: 'a disk or filesystem is full, or nearly',
    lines: /no space left|\benospc\b|disk (is )?full|filesystem (is )?full|inodes? exhausted|(disk|volume|filesystem)[^\n]{0,40}\b(9\d|100)(\.\d+)? ?% (used|full)/i,
  },
  deadlock: {
    says: 'threads or locks wait on each other',
    lines: /\bdeadlock(ed)?\b|lock (contention|held)|threads? (blocked|stuck|hung)|hung task/i,
  },
  cache_miss: {
    says: 'a cache empties or misses and load falls through',
    lines: /cache (miss(es)?|hit (ratio|rate)|evict|flush|cold|empty)|miss (rate|ratio)/i,
  },
  partition: {
    says: 'parts of the system cannot reach each other',
    lines: /network partition|split[- ]brain|\bunreachable\b|no route to host|packet loss|link down/i,
  },
  contention: {
    says: 'another workload takes the CPU or I/O',
    lines: /cpu (steal|throttl)|\biowait\b|noisy neighbou?r|(cpu|i\/o) starv|\bcontention\b/i,
  },
  hardware: {
    says: 'hardware fails or a site loses power',
    lines: /hardware (fault|failure|error)|disk failure|\becc error|power (loss|failure|outage)|machine check|nic (failure|down)|failed (disk|drive|psu)/i,
  },
  stale_write: {
    says: 'something older was written over something newer (a version or generation went back)',
    table: versionWentBack,
  },
  backlog_stalled: {
    says: 'a queue keeps growing while the work completed does not rise: no forward progress',
    // Work that times out and goes back in the queue, at a rate above zero ("timed out and re-queued 582k/min").
    lines: /\bno forward progress\b|\btimed? ?out and (are |were )?re-?(queued|tried|submitted)[\s:=]*([1-9]\d*(\.\d+)?|0\.\d*[1-9])|\bwork (outlasts|exceeds) its timeout\b/i,
    table: backlogStalled,
  },
  race: {
    says: 'concurrent processes overwrite or act on stale state',
    lines: /race condition|concurrent(ly)? (update|write)|\bstale (plan|state|version|data|record)|\boverwr(ote|itten)\b|out of order|lost update/i,
  },
} as const satisfies Record<string, Indicator>;
export type IndicatorId = keyof typeof INDICATORS;

/** How one generic failure class shows in data, what it follows and what cures it. */
export interface FailureSignature {
  /** Indicator → weight: how strongly seeing it points at this class. */
  signs: Partial<Record<IndicatorId, number>>;
  /** Indicator → weight: how strongly seeing it speaks against this class. */
  against?: Partial<Record<IndicatorId, number>>;
  /** The kinds of change this class typically follows. */
  follows?: ChangeKind[];
  /** The kinds of action that cure it. */
  curedBy?: ActionKind[];
}

/** One signature per generic mechanism id (GENERIC_MECHANISMS). */
export const FAILURE_SIGNATURES: Record<string, FailureSignature> = {
  generated_file_over_limit: { signs: { input_grew: 3, limit_named: 2, input_load_failed: 1.5, crash: 0.5 }, follows: ['config', 'data'], curedBy: ['config'] },
  config_reaches_code_bug: { signs: { nil_access: 3, crash: 0.5 }, follows: ['config'], curedBy: ['config'] },
  software_regression: { signs: { crash: 1, nil_access: 1 }, follows: ['release'], curedBy: ['config', 'service'] },
  traffic_overload: { signs: { volume_up: 3, attack_signature: 1 }, against: { volume_flat: 3 }, follows: ['load'], curedBy: ['capacity', 'traffic'] },
  dependency_cascade: { signs: { upstream_error: 2, timeout: 1 }, curedBy: ['dependency'] },
  memory_exhaustion: { signs: { oom: 3, crash: 0.5 }, follows: ['release', 'data'], curedBy: ['service', 'capacity'] },
  route_withdrawal: { signs: { route_change: 3 }, follows: ['network', 'config'], curedBy: ['traffic'] },
  certificate_expiry: { signs: { cert_error: 3 }, follows: ['certificate'], curedBy: ['config'] },
  database_overload: { signs: { db_overload: 3, timeout: 1 }, curedBy: ['capacity', 'traffic'] },
  hardware_failure: { signs: { hardware: 3 }, follows: ['infrastructure'], curedBy: ['traffic', 'capacity'] },
  race_condition: { signs: { race: 3, stale_write: 2, corrupt_data: 0.5 }, curedBy: ['config', 'service'] },
  retry_storm: { signs: { retry: 2, volume_up: 1 }, against: { volume_flat: 1 }, curedBy: ['traffic'] },
  // Metastable: the backlog outlives its trigger; shedding load and a reset (restart, drained queues) end it.
  congestive_collapse: { signs: { backlog_stalled: 3, backlog: 2.5, retry: 0.5 }, curedBy: ['traffic', 'service', 'capacity'] },
  dns_misdirection: { signs: { dns_error: 3 }, follows: ['dns', 'config'], curedBy: ['config'] },
  quota_exhaustion: { signs: { quota: 3 }, follows: ['config', 'load'], curedBy: ['capacity', 'config'] },
  bad_data_replicated: { signs: { corrupt_data: 2.5 }, follows: ['data'], curedBy: ['config'] },
  clock_or_date_bug: { signs: { clock_issue: 3 }, curedBy: ['config', 'service'] },
  health_check_misjudgement: { signs: { health_check: 3 }, follows: ['config'], curedBy: ['config', 'traffic'] },
  credential_failure: { signs: { auth_error: 3 }, follows: ['certificate', 'config'], curedBy: ['config'] },
  disk_full: { signs: { disk_full: 3 }, curedBy: ['capacity', 'service'] },
  deadlock: { signs: { deadlock: 3 }, follows: ['release'], curedBy: ['service'] },
  cache_stampede: { signs: { cache_miss: 3 }, curedBy: ['capacity', 'traffic'] },
  permissions_lockout: { signs: { permission_denied: 3 }, follows: ['config'], curedBy: ['config'] },
  network_partition: { signs: { partition: 3 }, follows: ['network', 'infrastructure'], curedBy: ['traffic'] },
  resource_contention: { signs: { contention: 3 }, curedBy: ['capacity'] },
};

/**
 * How the generic trigger hypotheses (GENERIC_TRIGGERS) show in data. A specific change a team
 * found stands on its own record (its time against the onset, the evidence that mentions it);
 * these stand only on signs in the data.
 */
export const GENERIC_TRIGGER_SIGNATURES: Record<string, Pick<FailureSignature, 'signs' | 'against'>> = {
  external_attack: { signs: { attack_signature: 1, volume_up: 1 }, against: { volume_flat: 2 } },
  demand_surge: { signs: { volume_up: 1.5 }, against: { volume_flat: 2 } },
  provider_outage: { signs: { upstream_error: 1, timeout: 0.5 } },
  hardware_or_datacenter: { signs: { hardware: 1.5, partition: 0.5 } },
  code_release: { signs: { crash: 0.25, nil_access: 0.25 } },
};

/** A negation just before a match ("no leaks", "without errors") means the line shows the opposite. */
const NEGATED = /\b(no|not|none|without|zero|never|0)\b[^.;:\n]{0,24}$/i;

/** Each indicator's pattern with the global flag, compiled once (matchAll needs it). */
const GLOBAL = new Map<RegExp, RegExp>();

function lineShows(pattern: RegExp, line: string): boolean {
  let global = GLOBAL.get(pattern);
  if (!global) GLOBAL.set(pattern, (global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)));
  for (const m of line.matchAll(global)) {
    if (!NEGATED.test(line.slice(0, m.index))) return true;
  }
  return false;
}

/** The lines of a finding: summary and detail by line, and each table row with its column names. */
function linesOf(data: FindingData): string[] {
  const lines = [...data.summary.split('\n'), ...data.detail.split('\n')];
  for (const row of data.table?.rows ?? []) {
    const numbers = row.map(cellNumber).filter((n): n is number => n !== null);
    // A row counting something zero times shows its absence ("SYN flood alerts | 0 | 0").
    if (numbers.length > 0 && numbers.length === row.length - 1 && numbers.every((n) => n === 0)) continue;
    lines.push(row.map(String).join(' | '));
  }
  return lines.filter((l) => l.trim() !== '');
}

/** The indicators a finding's data shows. */
export function indicatorsIn(data: FindingData): IndicatorId[] {
  const lines = linesOf(data);
  return (Object.keys(INDICATORS) as IndicatorId[]).filter((id) => {
    const indicator: Indicator = INDICATORS[id];
    if (indicator.table && data.table && indicator.table(data.table)) return true;
    return indicator.lines !== undefined && lines.some((line) => lineShows(indicator.lines!, line));
  });
}
