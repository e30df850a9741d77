import type { ParamSpec, ParamValues } from './scenario-definition.ts';

/** Check request parameters against what the scenario declares. Returns the clean values or a reason. */
export function validateParams(
  specs: readonly ParamSpec[],
  input: unknown,
  what: string,
): { ok: true; params: ParamValues } | { ok: false; error: string } {
  const given = input ?? {};
  if (typeof given !== 'object' || Array.isArray(given)) return { ok: false, error: `${what}: params must be an object` };
  const record = given as Record<string, unknown>;
  const params: ParamValues = {};
  for (const key of Object.keys(record)) {
    if (!specs.some((s) => s.name === key)) return { ok: false, error: `${what}: unknown parameter "${key}"` };
  }
  for (const spec of specs) {
    // A declared default stands in for an omitted value (logs from before the parameter existed).
    const v = record[spec.name] ?? ('default' in spec ? spec.default : undefined);
    if (v === undefined) return { ok: false, error: `${what}: parameter "${spec.name}" (${spec.label}) is required` };
    switch (spec.type) {
      case 'enum': {
        if (typeof v !== 'string' || !spec.options.some((o) => o.value === v)) {
          return { ok: false, error: `${what}: "${spec.name}" must be one of ${spec.options.map((o) => o.value).join(', ')}` };
        }
        params[spec.name] = v;
        break;
      }
      case 'number': {
        if (typeof v !== 'number' || !Number.isFinite(v) || v < spec.min || v > spec.max || (spec.integer && !Number.isInteger(v))) {
          return { ok: false, error: `${what}: "${spec.name}" must be ${spec.integer ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}` };
        }
        params[spec.name] = v;
        break;
      }
      case 'multi': {
        const values = Array.isArray(v) ? v : null;
        if (!values || values.some((x) => typeof x !== 'string' || !spec.options.some((o) => o.value === x)) || new Set(values).size !== values.length) {
          return { ok: false, error: `${what}: "${spec.name}" must be a list of distinct values among ${spec.options.map((o) => o.value).join(', ')}` };
        }
        // Kept in the declared order, so the same choice is the same value whatever the click order.
        params[spec.name] = spec.options.map((o) => o.value).filter((x) => values.includes(x));
        break;
      }
      case 'text': {
        if (typeof v !== 'string' || v.trim().length === 0 || v.length > spec.maxLength) {
          return { ok: false, error: `${what}: "${spec.name}" must be text of 1 to ${spec.maxLength} characters` };
        }
        params[spec.name] = v;
        break;
      }
    }
  }
  return { ok: true, params };
}
