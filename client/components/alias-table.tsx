/** A disguise's names side by side: what teams saw, and the real name behind each (host console, debrief). */
import type { DisguiseReveal } from '../../server/protocol/views.ts';
import './disguise.css';

export function AliasTable(props: { reveal: DisguiseReveal; small?: boolean }) {
  const { reveal } = props;
  return (
    <table class={`alias-table${props.small ? ' small' : ''}`}>
      <thead><tr><th scope="col">Teams see</th><th scope="col">Real name</th></tr></thead>
      <tbody>
        <tr><td>{reveal.title}</td><td>{reveal.realTitle}</td></tr>
        <tr><td class="mono">{reveal.date}</td><td class="mono">{reveal.realDate}</td></tr>
        {reveal.aliases.map((a) => <tr key={a.real}><td>{a.alias}</td><td>{a.real}</td></tr>)}
      </tbody>
    </table>
  );
}
