/** One declared parameter of an investigation or action, as the right form control. */
import type { ParamSpec } from '../../server/protocol/views.ts';

/** An enum option or text, a number, or the options picked of a `multi` (checkboxes). */
export type ParamValue = string | number | string[];

export function defaultParamValue(spec: ParamSpec): ParamValue {
  switch (spec.type) {
    case 'enum':
      return spec.default ?? spec.options[0]?.value ?? '';
    case 'number':
      return spec.min;
    case 'text':
      return '';
    case 'multi':
      return spec.default ?? [];
  }
}

export function ParamField(props: { spec: ParamSpec; value: ParamValue; idPrefix: string; onChange: (value: ParamValue) => void }) {
  const { spec, value, onChange } = props;
  const id = `${props.idPrefix}-${spec.name}`;
  if (spec.type === 'multi') {
    // A group of checkboxes: a fieldset, so a screen reader announces the question with each box.
    const picked = Array.isArray(value) ? value : [];
    const toggle = (v: string, on: boolean) => onChange(spec.options.map((o) => o.value).filter((x) => (x === v ? on : picked.includes(x))));
    return (
      <fieldset class="field field-multi" id={id}>
        <legend>{spec.label}</legend>
        {spec.options.map((o) => (
          <label key={o.value} class="check">
            <input type="checkbox" name={spec.name} value={o.value} checked={picked.includes(o.value)}
              onChange={(e) => toggle(o.value, e.currentTarget.checked)} />
            {' '}{o.label}
          </label>
        ))}
      </fieldset>
    );
  }
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

/** A value as a person reads it: enum and multi values by their labels. */
function valueText(spec: ParamSpec, v: ParamValue): string {
  if (spec.type === 'enum') return spec.options.find((o) => o.value === v)?.label ?? String(v);
  if (spec.type === 'multi') {
    const picked = Array.isArray(v) ? v : [];
    return picked.length === 0 ? 'none' : picked.map((x) => spec.options.find((o) => o.value === x)?.label ?? x).join(', ');
  }
  return String(v);
}

/** "Region: Europe, Percent: 50" for logs, with enum values shown by their labels. */
export function describeParams(specs: readonly ParamSpec[], values: Record<string, ParamValue>): string {
  return Object.entries(values)
    .map(([name, v]) => {
      const spec = specs.find((s) => s.name === name);
      if (!spec) return `${name}: ${Array.isArray(v) ? v.join(', ') : v}`;
      if (spec.type === 'text') return null;
      return `${spec.label}: ${valueText(spec, v)}`;
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

/** A status post's state and components as customers read them ("Identified · CDN, Workers KV"), or null when it has neither. */
export function statusLine(specs: readonly ParamSpec[], values: Record<string, ParamValue>): string | null {
  const state = specs.find((s) => s.name === 'state' && s.type === 'enum');
  const components = specs.find((s) => s.type === 'multi');
  const parts = [
    state && values[state.name] !== undefined ? valueText(state, values[state.name]!) : null,
    components && values[components.name] !== undefined ? valueText(components, values[components.name]!) : null,
  ].filter((x): x is string => x !== null);
  return parts.length === 0 ? null : parts.join(' · ');
}
