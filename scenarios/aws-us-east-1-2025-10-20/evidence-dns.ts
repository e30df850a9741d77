/**
 * Evidence from the DNS side: a lookup (dig), Route 53's health, the endpoint zone's change
 * history and the Enactors' logs. Data as the tools show it, over the window each covers.
 */
import { clock, type EvidenceBody } from '../../server/engine/index.ts';
import type { AwsState } from './model-state.ts';
import { cachedEmpty, recordEmpty } from './derive.ts';
import { at, enactorLog, FAST, FRESH_PLAN, generationAt, STALE_CHECK_AT, STALE_PLAN, treeId, type LogLine } from './dns-automation.ts';

const NAMES: Record<string, string> = {
  dynamodb: 'dynamodb.us-east-1.amazonaws.com',
  sts: 'sts.us-east-1.amazonaws.com',
  ec2: 'ec2.us-east-1.amazonaws.com',
  s3: 's3.us-east-1.amazonaws.com',
  lambda: 'lambda.us-east-1.amazonaws.com',
};
const RESOLVERS = 20;

/** `dig` against the authoritative servers, or through a sample of VPC resolvers in the region. */
export function dnsLookup(m: AwsState, name: string, resolver: string, t: number): EvidenceBody {
  const host = NAMES[name] ?? name;
  const ddb = name === 'dynamodb';
  if (resolver === 'authoritative') {
    const empty = ddb && recordEmpty(m, t);
    const header = `;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ${4000 + (t % 997)}\n;; flags: qr aa; QUERY: 1, ANSWER: ${empty ? 0 : 8}, AUTHORITY: ${empty ? 1 : 0}`;
    return {
      summary: empty ? `${host} A: status NOERROR, ANSWER: 0 (authoritative)` : `${host} A: status NOERROR, ANSWER: 8 (authoritative)`,
      detail: `$ dig +norec A ${host} @ns-1024.awsdns-00.org\n${header}\n;; Query time: ${11 + (t % 5)} msec\n${empty ? `;; AUTHORITY SECTION:\n${host}. 60 IN SOA ns-1024.awsdns-00.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 60` : `;; ANSWER SECTION: 8 A records, TTL 5`}`,
      table: { columns: ['record type', 'status', 'answers'], rows: [['A', 'NOERROR', empty ? 0 : 8], ['AAAA', 'NOERROR', empty ? 0 : 8]] },
      ...(empty ? { leads: ['artefact_ddb_endpoint_record'], shows: ['endpoint_zero_answers'] } : ddb ? {} : { shows: ['other_names_resolve'] }),
    };
  }
  // Through resolvers: how many of a sample still serve the empty answer (negative caching).
  const emptyCount = ddb ? Math.round(RESOLVERS * cachedEmpty(m, t)) : 0;
  const rows: (string | number)[][] = [];
  for (let i = 0; i < RESOLVERS; i++) {
    const isEmpty = i < emptyCount;
    rows.push([`10.${i % 4}.0.2 (vpc-${(0x3a1f + i * 97).toString(16)})`, 'NOERROR', isEmpty ? 0 : 8, isEmpty ? `${60 + ((i * 53 + t) % 840)}s (cached answer)` : '5s']);
  }
  return {
    summary: `${host} A through ${RESOLVERS} VPC resolvers: ${emptyCount} NOERROR with 0 answers, ${RESOLVERS - emptyCount} with addresses`,
    detail: `dig A ${host} through a sample of VPC resolvers in us-east-1 (what customers' instances use). The TTL column is what each resolver reports for the answer it returned.`,
    table: { columns: ['resolver', 'status', 'answers', 'TTL left'], rows },
    ...(emptyCount > 0 ? { leads: ['artefact_ddb_endpoint_record'], shows: ['endpoint_zero_answers'] } : ddb ? {} : { shows: ['other_names_resolve'] }),
  };
}

/** Route 53's own health: answering normally throughout (RI "behaved completely normally"). */
export function route53Health(m: AwsState, t: number): EvidenceBody {
  const retries = recordEmpty(m, t) ? 2.6 : 1.1;
  const nodata = recordEmpty(m, t) ? 18.4 : 2.1;
  return {
    summary: `Route 53 authoritative and resolver fleets answering within SLO; query volume ×${retries.toFixed(1)} of last week; NOERROR/NODATA share ${nodata}%`,
    detail: 'Health of the Route 53 authoritative name servers and the regional resolver endpoints over the last 30 minutes, against the same time last week. NODATA answers are NOERROR answers with no records.',
    table: {
      columns: ['fleet', 'answered', 'SERVFAIL', 'p99 latency', 'query volume vs last week'],
      rows: [
        ['authoritative (all PoPs)', '100.00%', '0.00%', '19 ms', `×${(retries * 0.9).toFixed(1)}`],
        ['resolver endpoints us-east-1', '99.99%', '0.01%', '4 ms', `×${retries.toFixed(1)}`],
        ['health checkers', '100.00%', '0.00%', '–', '×1.0'],
      ],
    },
    leads: ['component_route53'],
    shows: ['route53_answering'],
  };
}

/** The hosted zone's change history (successful change batches), newest last; and what the alias points at now. */
export function recordHistory(m: AwsState, window: string, t: number): EvidenceBody {
  const from = window === 'since_midnight' ? 0 : t - 3600;
  const rows: (string | number)[][] = [];
  // Routine plan rollouts by the fast Enactors, sampled every ten generations.
  for (let s = Math.max(from, clock('00:00')) + 125; s < (m.raceAt ?? t) && s <= t; s += 1500) {
    rows.push([at(s), FAST, `UPSERT alias dynamodb.us-east-1.amazonaws.com -> tree ${treeId(generationAt(s))}; UPSERT rollback -> tree ${treeId(generationAt(s) - 1)}`, generationAt(s)]);
  }
  const race = m.raceAt;
  if (race !== null && race - 59 >= from && race - 59 <= t) rows.push([at(race - 59), FAST, `UPSERT alias dynamodb.us-east-1.amazonaws.com -> tree ${treeId(FRESH_PLAN)}; UPSERT rollback -> tree ${treeId(FRESH_PLAN - 1)}`, FRESH_PLAN]);
  const sawRace = race !== null && race + 4 >= from && race + 6 <= t;
  if (sawRace) {
    rows.push([at(race + 4), 'enactor-use1-az2', `UPSERT alias dynamodb.us-east-1.amazonaws.com -> tree ${treeId(STALE_PLAN)}; UPSERT rollback -> tree ${treeId(FRESH_PLAN)}`, STALE_PLAN]);
    rows.push([at(race + 6), FAST, `DELETE tree ${treeId(STALE_PLAN)} (2,412 records) and 44 older trees`, '–']);
  }
  if (m.restoredAt !== null && m.restoredAt >= from && m.restoredAt <= t) {
    rows.push([at(m.restoredAt), 'operator (break-glass)', `CREATE tree ${treeId(generationAt(m.restoredAt))}; UPSERT alias and rollback -> it`, generationAt(m.restoredAt)]);
  }
  const empty = recordEmpty(m, t);
  const current = empty
    ? `Now: alias dynamodb.us-east-1.amazonaws.com -> tree ${treeId(STALE_PLAN)}: target not found (0 records); alias last changed ${at(race! + 4)}.`
    : `Now: alias dynamodb.us-east-1.amazonaws.com -> tree ${treeId(m.restoredAt !== null ? generationAt(m.restoredAt) : generationAt(t))} (2,406 records).`;
  return {
    summary: `${rows.length} change batches on zone dynamodb.us-east-1.amazonaws.com ${window === 'since_midnight' ? 'since 00:00' : 'in the last hour'}. ${current}`,
    detail: `Route 53 change history of the endpoint's hosted zone (successful ChangeResourceRecordSets batches; routine rollouts sampled one in ten). Trees are named by UUID; the plan generation comes from each tree's metadata record. ${current}`,
    table: { columns: ['time', 'submitted by', 'change', 'plan generation'], rows },
    leads: ['component_dns_enactor', 'component_dns_planner', ...(sawRace ? ['event_enactor_plan_overwrite'] : [])],
    shows: [...(sawRace ? ['stale_plan_applied', 'active_plan_deleted'] : []), ...(empty ? ['endpoint_zero_answers'] : [])],
  };
}

/** The three Enactors' logs over the window, sampled: every kind of line, repeats counted. */
export function enactorLogs(m: AwsState, window: string, t: number): EvidenceBody {
  const from = window === 'since_midnight' ? 0 : t - 3600;
  const all = enactorLog(from, t, m);
  const errors = all.filter((l) => l.level === 'ERROR');
  // Repeated errors: the first two and the latest, with a count.
  const shown: LogLine[] = [...all.filter((l) => l.level !== 'ERROR'), ...errors.slice(0, 2), ...(errors.length > 2 ? [errors.at(-1)!] : [])].sort((a, b) => a.t - b.t);
  const rows = shown.map((l) => [at(l.t), l.source, l.level, l.text]);
  const covers = (s: number) => s >= from && s <= t;
  const race = m.raceAt;
  const sawRace = race !== null && covers(race + 3) && covers(race + 6);
  const shows = [
    ...(sawRace ? ['stale_plan_applied', 'active_plan_deleted'] : []),
    ...(covers(STALE_CHECK_AT) && sawRace ? ['freshness_check_stale'] : []),
    ...(errors.length > 0 ? ['enactor_updates_failing'] : []),
  ];
  return {
    summary: `${all.length} sampled lines from 3 Enactors ${window === 'since_midnight' ? 'since 00:00' : 'in the last hour'}: ${all.filter((l) => l.level === 'WARN').length} WARN, ${errors.length} ERROR`,
    detail: `Enactor logs (enactor-use1-az1, -az2, -az4), sampled by the log tool: every kind of line, repeated errors shown once with the latest.${errors.length > 2 ? ` ${errors.length - 3} more ERROR lines like those shown.` : ''}`,
    table: { columns: ['time', 'source', 'level', 'message'], rows },
    leads: ['component_dns_planner', ...(sawRace ? ['event_enactor_plan_overwrite'] : [])],
    shows,
  };
}
