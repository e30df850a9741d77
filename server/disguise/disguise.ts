/**
 * A scenario's disguise (scenario.json `disguise`) as a function over what leaves the server:
 * every string and object key of a view is rewritten with the declared aliases and the fictional
 * date, ids included, and ids coming back in a command are mapped to the real ones. The engine and
 * the log never see an alias, so one log replays disguised or not.
 *   text    "Cloudflare's FL2 proxy" → "Nimbus's Relay2 proxy" (any case; `matchCase` names exactly)
 *   ids     "change_clickhouse_grants" → "change_quarry_grants" (the alias in id form)
 *   whole   the title and summary → the disguise's own
 */
import type { Command, DisguiseSection, ParamValues, PlanStep, ScenarioData } from '../engine/index.ts';
import { dateForms } from './date-forms.ts';
import { scenarioIds } from './scenario-ids.ts';
import { Substitution, type Rule } from './substitution.ts';

/** A string made of id characters only (lower case): rewritten with the id forms of the aliases. */
const ID_SHAPED = /^[a-z0-9][a-z0-9_.-]*$/;
/** An id written inside a sentence ("must be one of access_bypass, …"): rewritten as an id too. */
const SNAKE_ID = /(?<![A-Za-z0-9_])[a-z0-9]+(?:_[a-z0-9]+)+(?![A-Za-z0-9_])/g;

/**
 * Values the client sends back or navigates with as they are (tokens, session ids, join codes,
 * links): never rewritten, whatever they happen to contain.
 */
const OPAQUE_KEYS: ReadonlySet<string> = new Set([
  'sessionId', 'parentSessionId', 'playerToken', 'hostSecret', 'clientActionId', 'code', 'parentCode', 'joinUrl', 'hostUrl', 'page', 'json', 'markdown',
]);

/** What an id that only the real scenario knows becomes on the way in: an id no scenario has, so it is refused like any unknown one. */
export const UNKNOWN_ID = 'unknown';

/** "Bot Management" → "bot_management": how a name is written inside an id. */
export function idForm(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
}

const CACHE_LIMIT = 20_000;

export class Disguise {
  private readonly whole: ReadonlyMap<string, string>;
  private readonly text: Substitution;
  private readonly ids: Substitution;
  private readonly cache = new Map<string, string>();
  /** Masked id → real id, for every id the scenario declares. */
  private readonly toReal = new Map<string, string>();
  private readonly realIds: ReadonlySet<string>;

  constructor(data: ScenarioData, readonly section: DisguiseSection) {
    const aliases = section.aliases;
    const realDates = dateForms(data.date);
    const fakeDates = dateForms(section.date);
    const dates = realDates.map((from, i): Rule => ({ from, to: fakeDates[i]!, matchCase: false })).filter((r) => r.from !== r.to);
    this.text = new Substitution([
      ...aliases.map((a): Rule => ({ from: a.real, to: a.alias, matchCase: a.matchCase ?? false })),
      ...aliases.filter((a) => idForm(a.real) !== a.real.toLowerCase()).map((a): Rule => ({ from: idForm(a.real), to: idForm(a.alias), matchCase: false })),
      ...dates,
    ]);
    this.ids = new Substitution([
      ...aliases.map((a): Rule => ({ from: idForm(a.real), to: idForm(a.alias), matchCase: false })),
      // A name written with hyphens ("us-east-1") travels as it is inside ids and host names too.
      ...aliases.filter((a) => ID_SHAPED.test(a.real.toLowerCase()) && a.real.toLowerCase() !== idForm(a.real))
        .map((a): Rule => ({ from: a.real.toLowerCase(), to: ID_SHAPED.test(a.alias.toLowerCase()) ? a.alias.toLowerCase() : idForm(a.alias), matchCase: false })),
      ...dates.slice(0, 1),
    ]);
    this.whole = new Map([[data.title, section.title], [data.summary, section.summary]]);
    const ids = scenarioIds(data);
    this.realIds = new Set(ids);
    for (const id of ids) this.toReal.set(this.string(id), id);
  }

  /** One string as a team sees it. */
  string(s: string): string {
    const cached = this.cache.get(s);
    if (cached !== undefined) return cached;
    const out = this.whole.get(s) ?? (ID_SHAPED.test(s) ? this.ids.apply(s) : this.text.apply(s.replace(SNAKE_ID, (id) => this.ids.apply(id))));
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(s, out);
    return out;
  }

  /** A long text (a headless report) with the title and summary anywhere in it: not cached. */
  report(text: string): string {
    let out = text;
    for (const [real, shown] of this.whole) out = out.split(real).join(shown);
    return this.text.apply(out.replace(SNAKE_ID, (id) => this.ids.apply(id)));
  }

  /** A whole payload as a team or the room sees it: a copy with every string and key rewritten. */
  mask<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.string(value);
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[this.string(key)] = OPAQUE_KEYS.has(key) ? v : this.walk(v);
    return out;
  }

  /**
   * The real id behind one a team sent. An id the team could not have been shown (a real id whose
   * disguised form differs) becomes UNKNOWN_ID, so knowing the real names opens nothing.
   */
  realId(id: string): string {
    const real = this.toReal.get(id);
    if (real !== undefined) return real;
    return this.realIds.has(id) ? UNKNOWN_ID : id;
  }

  /** Ids and option values in a team's command, back to the real ones; free text stays as typed. */
  realCommand(command: Command): Command {
    switch (command.type) {
      case 'act': return { ...command, action: this.realId(command.action), ...(command.params ? { params: this.realParams(command.params) } : {}) };
      case 'investigate': return { ...command, investigation: this.realId(command.investigation), ...(command.params ? { params: this.realParams(command.params) } : {}) };
      case 'diagnose': return {
        ...command, trigger: this.realId(command.trigger), mechanism: this.realId(command.mechanism),
        ...(command.component !== undefined ? { component: this.realId(command.component) } : {}),
      };
      case 'cancel': case 'inject': return command;
    }
  }

  /** A headless plan written in the disguised ids (`npm run simulate -- <id> --disguised --actions plan.json`), in real ids. */
  realPlanStep(step: PlanStep): PlanStep {
    if ('action' in step) return { ...step, action: this.realId(step.action), params: this.realParams(step.params) };
    if ('investigate' in step) return { ...step, investigate: this.realId(step.investigate), params: this.realParams(step.params) };
    const d = step.diagnose;
    return {
      ...step,
      diagnose: {
        ...d, trigger: this.realId(d.trigger), mechanism: this.realId(d.mechanism),
        ...(d.component !== undefined ? { component: this.realId(d.component) } : {}),
        ...(d.evidence !== undefined ? { evidence: d.evidence.map((e) => this.realId(e)) } : {}),
      },
    };
  }

  private realParams(params: ParamValues): ParamValues {
    const value = (v: unknown): unknown => (typeof v === 'string' ? (this.toReal.get(v) ?? v) : Array.isArray(v) ? v.map(value) : v);
    return Object.fromEntries(Object.entries(params).map(([k, v]) => [this.toReal.get(k) ?? k, value(v)])) as ParamValues;
  }
}

const built = new WeakMap<ScenarioData, Disguise>();

/** The scenario's disguise (built once per loaded scenario), or null when it declares none. */
export function disguiseOf(data: ScenarioData): Disguise | null {
  if (!data.disguise) return null;
  const hit = built.get(data);
  if (hit) return hit;
  const disguise = new Disguise(data, data.disguise);
  built.set(data, disguise);
  return disguise;
}
