/** A disguised session's debrief says what each name the teams saw stood for. */
import type { Debrief } from '../../server/protocol/debrief.ts';
import { AliasTable } from '../components/alias-table.tsx';

export function DisguiseReveal(props: { debrief: Debrief }) {
  const reveal = props.debrief.disguise;
  if (!reveal) return null;
  return (
    <section class="debrief-section" aria-labelledby="debrief-disguise" data-testid="debrief-disguise">
      <h2 id="debrief-disguise">The disguise</h2>
      <p>Teams played this as “{reveal.title}” on {reveal.date}. What each name they saw stood for:</p>
      <AliasTable reveal={reveal} />
    </section>
  );
}
