/** A team's curve in one line, drawn as SVG so it stays crisp on a projector; it stretches to its box. */
export function Sparkline(props: { values: number[]; label: string }) {
  const { values } = props;
  const w = 240;
  const h = 56;
  const max = Math.max(5, ...values);
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - (Math.max(0, v) / max) * (h - 4) - 2).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={props.label}>
      {values.length > 1 && <polyline points={points} fill="none" stroke="#f2495c" stroke-width="3" vector-effect="non-scaling-stroke" />}
    </svg>
  );
}
