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
