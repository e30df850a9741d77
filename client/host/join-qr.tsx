/** The join link as a QR code, drawn as one SVG path: crisp on a projector at any size. */
import { useMemo } from 'preact/hooks';
import { create } from 'qrcode';

export function JoinQr(props: { url: string; size: number }) {
  const { path, count } = useMemo(() => {
    const { modules } = create(props.url, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col} ${row}h1v1h-1z`;
      }
    }
    return { path: d, count: modules.size };
  }, [props.url]);
  const quiet = 2;
  const box = count + quiet * 2;
  return (
    <svg class="join-qr" width={props.size} height={props.size} viewBox={`${-quiet} ${-quiet} ${box} ${box}`}
      role="img" aria-label={`QR code for ${props.url}`} shape-rendering="crispEdges" data-testid="join-qr" data-url={props.url}>
      <rect x={-quiet} y={-quiet} width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
