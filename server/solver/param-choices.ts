/**
 * The parameter combinations the solver tries for an action or investigation: every enum option,
 * the ends and middle of a number range, and a plain sentence for free text. Capped, because a
 * cartesian product of several enums grows fast.
 */
import type { ParamSpec, ParamValue, ParamValues } from '../engine/index.ts';

export const MAX_PARAM_COMBINATIONS = 12;

function valuesOf(spec: ParamSpec, text: string): ParamValue[] {
  switch (spec.type) {
    case 'enum':
      return spec.options.map((o) => o.value);
    case 'number': {
      const mid = (spec.min + spec.max) / 2;
      const values = [spec.min, spec.integer ? Math.round(mid) : mid, spec.max];
      return [...new Set(values)];
    }
    case 'text':
      return [text.slice(0, spec.maxLength)];
    case 'multi':
      // Every option at once: a status post naming every component.
      return [spec.options.map((o) => o.value)];
  }
}

export function paramCombinations(specs: readonly ParamSpec[], text = 'Investigating elevated errors.'): ParamValues[] {
  let combos: ParamValues[] = [{}];
  for (const spec of specs) {
    const next: ParamValues[] = [];
    for (const combo of combos) {
      for (const value of valuesOf(spec, text)) next.push({ ...combo, [spec.name]: value });
    }
    combos = next.slice(0, MAX_PARAM_COMBINATIONS);
  }
  return combos;
}
