import type { ParamSpec, ParamValues } from './scenario-definition.ts';

/** "Query core proxy error logs (FL2 (new, Rust))": a request as a person reads it, enum values by label. */
export function describeRequest(specs: readonly { id: string; title: string; params: ParamSpec[] }[], id: string, params: ParamValues): string {
  const spec = specs.find((s) => s.id === id);
  if (!spec) return id;
  const shown = spec.params.flatMap((p) => {
    if (p.type !== 'enum') return [];
    const option = p.options.find((o) => o.value === params[p.name]);
    return option ? [option.label] : [];
  });
  return shown.length > 0 ? `${spec.title} (${shown.join(', ')})` : spec.title;
}
