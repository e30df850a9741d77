import { describe, expect, it } from 'vitest';
import { GENERIC_MECHANISMS, GENERIC_TRIGGERS } from './diagnosis-catalogue.ts';
import { changeKindsOf, FAILURE_SIGNATURES, GENERIC_TRIGGER_SIGNATURES, indicatorsIn, INDICATORS, type IndicatorId } from './failure-signatures.ts';

const lines = (...text: string[]) => ({ summary: '', detail: text.join('\n') });

describe('failure signatures', () => {
  it('every generic failure class has a signature, written in known indicators', () => {
    for (const m of GENERIC_MECHANISMS) {
      const sig = FAILURE_SIGNATURES[m.id];
      expect(sig, m.id).toBeDefined();
      const ids = [...Object.keys(sig!.signs), ...Object.keys(sig!.against ?? {})];
      expect(ids.length, m.id).toBeGreaterThan(0);
      for (const id of ids) expect(Object.keys(INDICATORS), `${m.id}: ${id}`).toContain(id);
    }
    expect(Object.keys(FAILURE_SIGNATURES).sort()).toEqual(GENERIC_MECHANISMS.map((m) => m.id).sort());
  });

  it.each<[string, string, IndicatorId]>([
    ['a Go bounds panic', 'panic: runtime error: index out of range [256] with length 256', 'limit_named'],
    ['a Java OOM', 'java.lang.OutOfMemoryError: Java heap space', 'oom'],
    ['an expired certificate', 'x509: certificate has expired or is not yet valid', 'cert_error'],
    ['a failed lookup', 'dial tcp: lookup api.internal on 10.0.0.2:53: no such host', 'dns_error'],
    ['a Lua nil index', "init.lua:88: attempt to index field 'limits' (a nil value)", 'nil_access'],
    ['a Python None', "AttributeError: 'NoneType' object has no attribute 'items'", 'nil_access'],
    ['a full disk', 'write /var/lib/db/wal: no space left on device', 'disk_full'],
    ['a disk nearly full', 'The database volume is 96% full', 'disk_full'],
    ['a pool out of connections', 'FATAL: sorry, too many connections for role "app"', 'db_overload'],
    ['a 429', 'HTTP 429 Too Many Requests: quota exceeded for project', 'quota'],
    ['a refused dependency', 'upstream: connect() failed (111: Connection refused)', 'upstream_error'],
    ['a Rust unwrap while loading', 'called `Result::unwrap()` on an `Err` value at load_rules (rules.rs:42)', 'input_load_failed'],
    ['an empty DNS answer (NODATA)', ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4792\n;; flags: qr aa; QUERY: 1, ANSWER: 0, AUTHORITY: 1', 'dns_error'],
    ['a lookup that found nothing', 'Error: getaddrinfo ENOTFOUND api.internal.example', 'dns_error'],
    ['work that times out and is retried', 'lease attempts 120k/min, timed out and re-queued 117k/min', 'backlog_stalled'],
  ])('reads %s as %s', (_what, line, id) => {
    expect(indicatorsIn(lines(line))).toContain(id);
  });

  it('a negated mention or a row of zeros shows the absence, not the thing', () => {
    expect(indicatorsIn(lines('BGP: no route leaks or hijacks detected'))).not.toContain('route_change');
    expect(indicatorsIn({ summary: '', detail: '', table: { columns: ['check', 'now', 'last week'], rows: [['SYN flood alerts', 0, 0]] } })).not.toContain('attack_signature');
    expect(indicatorsIn({ summary: '', detail: '', table: { columns: ['check', 'now', 'last week'], rows: [['SYN flood alerts', 14, 0]] } })).toContain('attack_signature');
  });

  it('reads a column of sizes that more than doubled as an input that grew, and not a column of rates', () => {
    const table = (header: string, values: number[]) => ({ summary: '', detail: '', table: { columns: ['generated', header], rows: values.map((v, i) => [`10:0${i}`, v]) } });
    expect(indicatorsIn(table('entries', [40, 41, 40, 97]))).toContain('input_grew');
    expect(indicatorsIn(table('size (KB)', [8, 8, 8, 9]))).not.toContain('input_grew');
    expect(indicatorsIn(table('requests per second', [40, 41, 40, 97]))).not.toContain('input_grew');
  });

  it('reads an answer table with zero records as a failed lookup, and a tool that asks attack classifiers as no attack', () => {
    const answers = (n: number) => ({ summary: '', detail: '', table: { columns: ['record type', 'status', 'answers'], rows: [['A', 'NOERROR', n], ['AAAA', 'NOERROR', n]] } });
    expect(indicatorsIn(answers(0))).toContain('dns_error');
    expect(indicatorsIn(answers(8))).not.toContain('dns_error');
    expect(indicatorsIn(lines('0 NOERROR with 0 answers, 20 with addresses'))).not.toContain('dns_error');
    expect(indicatorsIn(lines('Compared with last week: request volume by source, attack classifiers of the edge protection service'))).not.toContain('attack_signature');
    expect(indicatorsIn(lines('timed out and re-queued 0k/min'))).not.toContain('backlog_stalled');
  });

  it('reads a version that went back in a table of writes over time as a stale write', () => {
    const writes = (generations: (number | string)[], times = ['06:17:05', '06:42:05', '06:47:01', '06:48:04', '06:48:06']) => ({
      summary: '', detail: '', table: { columns: ['time', 'submitted by', 'plan generation'], rows: generations.map((g, i) => [times[i]!, 'writer', g]) },
    });
    expect(indicatorsIn(writes([12150, 12160, 12163, 12108, '–']))).toContain('stale_write');
    expect(indicatorsIn(writes([12150, 12160, 12163, 12164, '–']))).not.toContain('stale_write');
    // Newest first is not a write going back; neither is a table without times.
    expect(indicatorsIn(writes([12163, 12160, 12150], ['06:47:01', '06:42:05', '06:17:05']))).not.toContain('stale_write');
    expect(indicatorsIn({ summary: '', detail: '', table: { columns: ['host', 'version'], rows: [['a', 12], ['b', 9]] } })).not.toContain('stale_write');
  });

  it('reads a queue that keeps growing while nothing completes as a stalled backlog, and a draining one as not', () => {
    const queue = (queued: number[], done: number[]) => ({
      summary: '', detail: '', table: { columns: ['time', 'queued work', 'droplets leased'], rows: queued.map((q, i) => [`10:${String(5 * i).padStart(2, '0')}`, `${q}k`, `${done[i]}%`]) },
    });
    expect(indicatorsIn(queue([120, 180, 260, 340, 420], [71, 70.8, 70.5, 70.1, 69.8]))).toContain('backlog_stalled');
    expect(indicatorsIn(queue([120, 180, 260, 340, 420], [71, 75, 80, 86, 91]))).not.toContain('backlog_stalled');
    expect(indicatorsIn(queue([420, 340, 260, 180, 120], [71, 70.8, 70.5, 70.1, 69.8]))).not.toContain('backlog_stalled');
  });

  it('compares request volume with its baseline', () => {
    const volume = (now: string, before: string) => ({ summary: '', detail: '', table: { columns: ['measure', 'now', 'same time last week'], rows: [['requests per second', now, before]] } });
    expect(indicatorsIn(volume('9.1 M', '3.0 M'))).toContain('volume_up');
    expect(indicatorsIn(volume('3.1 M', '3.0 M'))).toEqual(['volume_flat']);
  });

  it('tells what kind of change a record describes', () => {
    expect(changeKindsOf('api-gateway release v2.14.0 to 100%')).toContain('release');
    expect(changeKindsOf('Feature flag checkout_v2 switched on')).toContain('config');
    expect(changeKindsOf('Rotate the edge TLS certificates')).toContain('certificate');
    expect(changeKindsOf('Rotate the edge TLS certificates')).not.toContain('release');
  });
});

describe('generic trigger signatures', () => {
  it('cover every generic hypothesis with known indicators', () => {
    expect(Object.keys(GENERIC_TRIGGER_SIGNATURES).sort()).toEqual(GENERIC_TRIGGERS.map((t) => t.id).sort());
    for (const sig of Object.values(GENERIC_TRIGGER_SIGNATURES)) {
      for (const id of [...Object.keys(sig.signs), ...Object.keys(sig.against ?? {})]) expect(Object.keys(INDICATORS)).toContain(id);
    }
  });
});
