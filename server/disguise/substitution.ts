/**
 * Whole-word replacement of many names in one pass. A name matches only where it is not part of
 * a longer word or number (letters and digits around it; `_`, `-`, `.` and spaces are boundaries,
 * so `change_clickhouse_grants` and `dash.cloudflare.com` match "ClickHouse" and "Cloudflare").
 * Longer names win, so "Workers KV" is replaced before "Workers".
 */
export interface Rule {
  from: string;
  to: string;
  /** Only this exact case matches; otherwise any case does, and the replacement follows the case found. */
  matchCase: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `compounds`: a hyphenated compound is a word of its own ("Access-log" is an access log, not the
 * product Access): used for the names that are also common words (`matchCase`).
 */
function pattern(rules: readonly Rule[], flags: string, compounds: boolean): RegExp | null {
  if (rules.length === 0) return null;
  const names = [...new Set(rules.map((r) => r.from))].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const before = compounds ? '(?<![A-Za-z0-9])(?<![A-Za-z]-)' : '(?<![A-Za-z0-9])';
  const after = compounds ? '(?![A-Za-z0-9])(?!-[A-Za-z])' : '(?![A-Za-z0-9])';
  return new RegExp(`${before}(?:${names.map(escape).join('|')})${after}`, flags);
}

/** "fl2" for "FL2" found in lower case, "NIMBUS" in upper case, "Nimbus" at a sentence start. */
export function followCase(found: string, rule: Rule): string {
  if (found === rule.from) return rule.to;
  const letters = /[A-Za-z]/.test(found);
  if (letters && found === found.toLowerCase()) return rule.to.toLowerCase();
  if (letters && found === found.toUpperCase() && found.length > 1) return rule.to.toUpperCase();
  return rule.to;
}

export class Substitution {
  private readonly anyCase: RegExp | null;
  private readonly exactCase: RegExp | null;
  private readonly byLower = new Map<string, Rule>();
  private readonly byExact = new Map<string, Rule>();

  constructor(rules: readonly Rule[]) {
    const loose = rules.filter((r) => !r.matchCase);
    const strict = rules.filter((r) => r.matchCase);
    // First declared wins when two rules share a name.
    for (const r of loose) if (!this.byLower.has(r.from.toLowerCase())) this.byLower.set(r.from.toLowerCase(), r);
    for (const r of strict) if (!this.byExact.has(r.from)) this.byExact.set(r.from, r);
    this.anyCase = pattern(loose, 'gi', false);
    this.exactCase = pattern(strict, 'g', true);
  }

  apply(text: string): string {
    let out = text;
    // Safe in sequence: load-time checks make sure no replacement contains a name of either set.
    if (this.anyCase) out = out.replace(this.anyCase, (found) => followCase(found, this.byLower.get(found.toLowerCase())!));
    if (this.exactCase) out = out.replace(this.exactCase, (found) => this.byExact.get(found)!.to);
    return out;
  }
}
