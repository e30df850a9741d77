/**
 * Math.hypot(a, b), computed as V8's builtin computes it for two values (scale by the larger, then
 * the square root of the sum of squares), so every sample stays bit-identical. The builtin is not
 * inlined and allocates on every call; signals.ts makes five calls a sample.
 */
export function hypot2(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  const max = x > y ? x : y;
  if (max === 0) return 0;
  const u = x / max;
  const v = y / max;
  return Math.sqrt(u * u + v * v) * max;
}
