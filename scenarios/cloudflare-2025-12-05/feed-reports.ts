/**
 * What customers and the outside world say, driven by the state: complaints arrive some minutes into
 * real impact (the dashboard first, which is how the first status framing went wrong) and a
 * "sites are back" report follows recovery. Nothing here fires on a fixed clock.
 */
import type { StepContext } from '../../server/engine/index.ts';
import { globalFailingShare, impactOngoing, withState, type Dec05State } from './state.ts';

const REPORTS: { id: string; afterSeconds: number; kind: 'customer-report' | 'notice'; title: string; text: string }[] = [
  { id: 'dashboard', afterSeconds: 90, kind: 'customer-report', title: 'Dashboard and API calls failing',
    text: 'Several customers: "dash.cloudflare.com shows errors and our API calls get 500 Internal Server Error."' },
  { id: 'sites', afterSeconds: 180, kind: 'customer-report', title: 'Customer sites return 500',
    text: 'Enterprise customers report every page of their sites answering "500 Internal Server Error"; other customers say their sites are fine.' },
  { id: 'social', afterSeconds: 300, kind: 'notice', title: 'Social media: "is Cloudflare down?"',
    text: 'Posts about failing sites are rising quickly. Some users blame an attack; many popular sites still load normally.' },
  { id: 'trace', afterSeconds: 480, kind: 'customer-report', title: '/cdn-cgi/trace works, pages do not',
    text: 'A customer engineer: "curl https://example.com/cdn-cgi/trace returns 200 with fl=… but every other path on the zone returns 500."' },
];

const IMPACT_ON = 0.1;
const IMPACT_OFF = 0.01;

export function emitReports(m: Dec05State, ctx: StepContext): Dec05State {
  const failing = globalFailingShare(m, ctx.t);
  let next = m;
  if (failing > IMPACT_ON && !impactOngoing(next)) next = withState(next, { impactSince: ctx.t, recoveredAt: null });
  if (!impactOngoing(next)) return next;
  const since = next.impactSince!;
  if (failing > IMPACT_ON) {
    const due = REPORTS.filter((r) => !next.reportsSent.includes(r.id) && ctx.t - since >= r.afterSeconds);
    for (const r of due) ctx.emit({ kind: r.kind, title: r.title, text: r.text });
    if (due.length > 0) next = withState(next, { reportsSent: [...next.reportsSent, ...due.map((r) => r.id)] });
  }
  if (failing < IMPACT_OFF) {
    ctx.emit({ kind: 'customer-report', title: 'Sites are back', text: 'Customers confirm their sites answer normally again.' });
    next = withState(next, { recoveredAt: ctx.t });
  }
  return next;
}
