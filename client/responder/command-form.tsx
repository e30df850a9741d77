/** The form behind one investigation or action: its parameters and a submit button. */
import { useState } from 'preact/hooks';
import type { ParamSpec } from '../../server/protocol/views.ts';
import { ParamField, defaultParamValue, type ParamValue } from './param-field.tsx';

export function CommandForm(props: {
  id: string;
  params: ParamSpec[];
  submitLabel: string;
  disabled?: boolean;
  onSubmit: (params: Record<string, ParamValue>) => Promise<boolean>;
}) {
  const initial = () => Object.fromEntries(props.params.map((p) => [p.name, defaultParamValue(p)]));
  const [values, setValues] = useState<Record<string, ParamValue>>(initial);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const ok = await props.onSubmit(values);
    setBusy(false);
    // Keep enum choices (often repeated per region); clear free text once it was accepted.
    if (ok) setValues((v) => Object.fromEntries(props.params.map((p) => [p.name, p.type === 'text' ? '' : v[p.name] ?? defaultParamValue(p)])));
  };

  return (
    <form class="command-form" onSubmit={submit}>
      {props.params.map((spec) => (
        <ParamField key={spec.name} spec={spec} value={values[spec.name] ?? defaultParamValue(spec)} idPrefix={props.id}
          onChange={(v) => setValues((cur) => ({ ...cur, [spec.name]: v }))} />
      ))}
      <button type="submit" class="btn btn-primary" disabled={busy || props.disabled}>{busy ? 'Sending…' : props.submitLabel}</button>
    </form>
  );
}
