/**
 * A small form for one of the facilitator's review entries (a verdict, points, an improvement
 * item): it sends the review, shows the refusal if there is one, and clears once it is logged.
 */
import { useState } from 'preact/hooks';
import type { ReviewRequest } from '../../server/protocol/review.ts';

/** Sends a review; resolves once it is logged and the debrief reloaded, rejects with a reason. */
export type SendReview = (review: ReviewRequest) => Promise<void>;

export interface ReviewField {
  name: string;
  label: string;
  /** A select when options are given, else a text (or number) input. */
  options?: { value: string; label: string }[];
  type?: 'text' | 'number';
  placeholder?: string;
}

export function ReviewForm(props: { id: string; fields: ReviewField[]; submitLabel: string; send: SendReview; build: (values: Record<string, string>) => ReviewRequest }) {
  const initial = () => Object.fromEntries(props.fields.map((f) => [f.name, f.options?.[0]?.value ?? '']));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.send(props.build(values));
      setValues(initial());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="review-form no-print" onSubmit={submit} data-testid={props.id}>
      {props.fields.map((f) => {
        const id = `${props.id}-${f.name}`;
        return (
          <label key={f.name} for={id} class="review-field">
            <span class="small muted">{f.label}</span>
            {f.options
              ? <select id={id} value={values[f.name]} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.currentTarget.value }))}>
                {f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
              </select>
              : <input id={id} type={f.type ?? 'text'} required placeholder={f.placeholder} value={values[f.name]}
                onInput={(e) => setValues((v) => ({ ...v, [f.name]: e.currentTarget.value }))} />}
          </label>
        );
      })}
      <button type="submit" class="btn btn-small" disabled={busy}>{busy ? 'Saving…' : props.submitLabel}</button>
      {error && <p class="error small" role="alert">{error}</p>}
    </form>
  );
}
