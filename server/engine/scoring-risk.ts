/**
 * Avoid harm: the risks a team took. What a risky action does to customers is already in the
 * model's curves (customer impact); these are the stated costs of harm outside the model (customers
 * left unprotected, connections dropped) and of rollbacks made without evidence, each with its
 * reason. An action penalty does not apply when its `unless` says the action was sound practice.
 */
import type { ActionPenalty, ScenarioData } from './scenario-definition.ts';
import type { Markers } from './markers.ts';
import { formatClock } from './sim-time.ts';
import type { Penalty } from './scoring-types.ts';
import { evidenceBefore, matchesActionRef, rollbackWarranted, rolledBackChange } from './warranted.ts';
import type { ActionRecord, World } from './world.ts';

/** Why a penalty does not apply to this request, or null when it does. */
function excused(p: ActionPenalty, world: World<unknown>, markers: Markers, a: ActionRecord): string | null {
  const unless = p.unless;
  if (!unless) return null;
  const before = world.actions.find((b) => b.entry !== a.entry && b.status === 'done' && b.changed !== false && b.effectiveAt <= a.requestedAt && unless.after?.some((ref) => matchesActionRef(b, ref)));
  if (before) return `after ${before.action} took effect at ${formatClock(before.effectiveAt)}`;
  const marker = unless.marker === undefined ? null : markers[unless.marker] ?? null;
  if (marker !== null && marker <= a.requestedAt) return `after ${unless.marker} at ${formatClock(marker)}`;
  if (unless.evidence && evidenceBefore(world, a.requestedAt, unless.evidence)) return 'the team\'s findings warranted it';
  return null;
}

export function riskPenalties(data: ScenarioData, world: World<unknown>, markers: Markers): Penalty[] {
  const penalties: Penalty[] = [];
  const title = (id: string) => data.actions.find((x) => x.id === id)?.title ?? id;
  const leadLabel = (id: string) => data.leads.find((l) => l.id === id)?.label ?? id;
  for (const a of world.actions) {
    for (const p of data.scoring.actionPenalties) {
      if (p.action !== a.action || (p.option !== undefined && !Object.values(a.params).includes(p.option))) continue;
      if (excused(p, world, markers, a) !== null) continue;
      penalties.push({ kind: 'action', objective: 'avoid-harm', at: a.requestedAt, entry: a.entry, points: p.points, reason: `${title(a.action)}: ${p.why}` });
    }
    const rollback = data.scoring.unwarrantedRollback;
    const change = rolledBackChange(data, a.action, a.params);
    if (rollback && change !== null && !rollbackWarranted(data, world, a)) {
      penalties.push({
        kind: 'rollback', objective: 'avoid-harm', at: a.requestedAt, entry: a.entry, points: rollback.points,
        reason: `rolled back "${leadLabel(change)}" with no evidence pointing at it: ${rollback.why}`,
      });
    }
  }
  return penalties;
}
