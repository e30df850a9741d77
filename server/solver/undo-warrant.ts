/**
 * When a reasoning team undoes a change it found (a rollback, a revert): only once its evidence
 * points at that change. A morning holds many changes, and one that came just before the impact is
 * a suspect, not a finding; undoing it blind is a risk a team takes under pressure (the debrief
 * prices it). The change must be the trigger the team's own reasoning picks, standing out from the
 * others, for a failure its findings have located (a failing component named from its own data),
 * or the team must hold a whole confident diagnosis naming it. How the failure works need not be
 * understood yet: rolling back the prime suspect first and explaining later is sound practice.
 *
 * A command undoes a change when one of its parameter values is a trigger the diagnosis form offers
 * (a revert's "which change" option is that change's id, as on the form). In guided mode the form
 * offers changes the team has not found: its reasoning never picks those, so it never undoes them.
 * Reads the team's view only (reason-diagnosis.ts), never what the scenario says a finding shows.
 */
import type { Command, TeamObservation } from '../engine/index.ts';
import { impactOnset, reasonDiagnosis, type DiagnosisChoice, type ReasoningContext } from './reason-diagnosis.ts';

/** The change a command would undo (one of its parameter values is among `triggers`, the form's trigger ids), or null. */
export function undoneChange(command: Command, triggers: ReadonlySet<string>): string | null {
  if (command.type !== 'act') return null;
  for (const v of Object.values(command.params ?? {}).flat()) if (typeof v === 'string' && triggers.has(v)) return v;
  return null;
}

/**
 * What the reasoning reads in a view: the findings, the leads (they make the runbook and the
 * form) and when the impact began. Two views that agree on these reason alike.
 */
function evidenceKey(view: TeamObservation, impact: ReasoningContext['impact']): string {
  const findings = view.investigations.flatMap((i) => (i.status === 'complete' ? [[i.entry, i.investigation, i.params, i.requestedAt, i.completesAt, i.evidence]] : []));
  return JSON.stringify([findings, view.leads.map((l) => [l.id, l.at, l.source]), impactOnset(view.samples, impact.signal, impact.baseline)]);
}

/**
 * The undo warrants of one solve: the search asks for many changes at many moments of many plans,
 * and most of those worlds hold the same evidence, so each world is looked at once and each body
 * of evidence reasoned about once.
 */
export class UndoWarrants {
  readonly #impact: ReasoningContext['impact'];
  readonly #reasoned = new Map<string, DiagnosisChoice | null>();
  readonly #byWorld = new WeakMap<object, DiagnosisChoice | null>();

  constructor(impact: ReasoningContext['impact']) {
    this.#impact = impact;
  }

  /** Whether the team has the evidence to undo `change` in `world` (its view built by `view`, only when not yet seen). */
  warrants(change: string, world: object, view: () => TeamObservation): boolean {
    let choice = this.#byWorld.get(world);
    if (choice === undefined) {
      const seen = view();
      const key = evidenceKey(seen, this.#impact);
      choice = this.#reasoned.get(key);
      if (choice === undefined) this.#reasoned.set(key, (choice = reasonDiagnosis(seen, { impact: this.#impact, cured: [] })));
      this.#byWorld.set(world, choice);
    }
    if (!choice || choice.trigger.id !== change) return false;
    return choice.confident || (choice.sure.trigger && choice.sure.component);
  }
}
