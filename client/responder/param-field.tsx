/** One declared parameter of an investigation or action, as the right form control. */
import type { ParamSpec } from '../../server/protocol/views.ts';

export type ParamValue = string | number;

export function defaultParamValue(spec: ParamSpec): ParamValue {
  switch (spec.type) {
    case 'enum':
      return spec.options[0]?.value ?? '';
    case 'number':
      return spec.min;
    case 'text':
      return '';
  }
}

export function ParamField(props: { spec: ParamSpec; value: ParamValue; idPrefix: string; onChange: (value: ParamValue) => void }) {
  const { spec, value, onChange } = props;
  const id = `${props.idPrefix}-${spec.name}`;
  let control;
  switch (spec.type) {
    case 'enum':
      control = (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.currentTarget.value)}>
          {spec.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        </select>
      );
      break;
    case 'number':
      control = (
        <input id={id} type="number" min={spec.min} max={spec.max} step={spec.integer ? 1 : 'any'} required
          value={String(value)} onInput={(e) => onChange(Number(e.currentTarget.value))} />
      );
      break;
    case 'text':
      control = (
        <textarea id={id} maxLength={spec.maxLength} rows={3} required value={String(value)}
          onInput={(e) => onChange(e.currentTarget.value)} />
      );
      break;
  }
  return (
    <div class="field">
      <label for={id}>
        {spec.label}
        {spec.type === 'number' && <span class="muted"> ({spec.min}–{spec.max})</span>}
      </label>
      {control}
    </div>
  );
}

/** "Region: Europe, Percent: 50" for logs, with enum values shown by their labels. */
export function describeParams(specs: readonly ParamSpec[], values: Record<string, ParamValue>): string {
  return Object.entries(values)
    .map(([name, v]) => {
      const spec = specs.find((s) => s.name === name);
      if (!spec) return `${name}: ${v}`;
      if (spec.type === 'enum') return `${spec.label}: ${spec.options.find((o) => o.value === v)?.label ?? v}`;
      if (spec.type === 'text') return null;
      return `${spec.label}: ${v}`;
    })
    .filter((s): s is string => s !== null)
    .join(', ');
}

/**
 * What a command says, for status updates: its free text, or else the label of its first choice
 * (some scenarios offer canned status messages as an enum).
 */
export function textParam(specs: readonly ParamSpec[], values: Record<string, ParamValue>): string | null {
  const text = specs.find((s) => s.type === 'text');
  const v = text ? values[text.name] : undefined;
  if (typeof v === 'string' && v.length > 0) return v;
  const choice = specs.find((s) => s.type === 'enum');
  if (choice?.type !== 'enum') return null;
  const picked = values[choice.name];
  return choice.options.find((o) => o.value === picked)?.label ?? null;
}
