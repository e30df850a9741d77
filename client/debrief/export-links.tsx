/** Downloads: the debrief as Markdown (for a post-incident doc) and as JSON, plus print-to-PDF. */
import { debriefLinks } from './debrief-api.ts';

/**
 * `beforePrint`: bring the page to the whole session first (the scrubber may be mid-way) and say
 * whether every team is printed or only the one shown.
 */
export function ExportLinks(props: { sessionId: string; beforePrint?: (allTeams: boolean) => void }) {
  const links = debriefLinks(props.sessionId);
  return (
    <div class="button-row debrief-exports no-print" data-testid="debrief-exports">
      <a class="btn btn-small" href={links.markdown} download data-testid="export-markdown">Markdown</a>
      <a class="btn btn-small" href={links.json} download data-testid="export-json">JSON</a>
      <button type="button" class="btn btn-small" onClick={() => { props.beforePrint?.(false); setTimeout(() => window.print(), 200); }}>Print this team</button>
      <button type="button" class="btn btn-small" onClick={() => { props.beforePrint?.(true); setTimeout(() => window.print(), 200); }} data-testid="print-all">Print all teams</button>
    </div>
  );
}
