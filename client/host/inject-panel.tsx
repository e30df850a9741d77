/** Fire an inject from the scenario's library or write one, to one team or all; hints cost points. */
import { useState } from 'preact/hooks';
import type { HostScenario, TeamInfo } from '../../server/protocol/views.ts';
import type { HostInjectRequest } from '../../server/protocol/payloads.ts';

export function InjectPanel(props: { scenario: HostScenario; teams: TeamInfo[]; disabled: boolean; onSend: (req: HostInjectRequest) => Promise<boolean> }) {
  const library = props.scenario.injects;
  const [source, setSource] = useState<string>(library[0]?.id ?? 'custom');
  const [teamId, setTeamId] = useState('');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [hint, setHint] = useState(false);
  const [busy, setBusy] = useState(false);
  const chosen = library.find((i) => i.id === source);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const target = teamId === '' ? null : teamId;
    const ok = await props.onSend(chosen ? { teamId: target, injectId: chosen.id } : { teamId: target, title: title.trim(), text: text.trim(), hint });
    setBusy(false);
    if (ok && !chosen) {
      setTitle('');
      setText('');
      setHint(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="inject-heading">
      <header class="panel-head"><h2 id="inject-heading">Injects</h2></header>
      <form class="panel-body" onSubmit={submit} data-testid="inject-panel">
        <label class="field">
          <span>Inject</span>
          <select value={source} onChange={(e) => setSource(e.currentTarget.value)}>
            {library.map((i) => <option key={i.id} value={i.id}>{i.hint ? '[hint] ' : ''}{i.title}{i.at ? ` (arrives by itself at ${i.at})` : ''}{i.skipTo ? ` (skips to ${i.skipTo})` : ''}</option>)}
            <option value="custom">Write your own…</option>
          </select>
        </label>
        {chosen ? (
          <blockquote class="inject-preview">
            <strong>{chosen.title}</strong>
            <p>{chosen.text}</p>
            {chosen.hint && <span class="tag tag-hint">HINT — costs the team points</span>}
            {chosen.skipTo && <span class="tag" data-testid="inject-skip">Moves the clock to {chosen.skipTo} for every team</span>}
          </blockquote>
        ) : (
          <>
            <label class="field">
              <span>Title</span>
              <input type="text" maxLength={120} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>Text</span>
              <textarea rows={3} maxLength={2000} required value={text} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
            <label class="checkbox">
              <input type="checkbox" checked={hint} onChange={(e) => setHint(e.currentTarget.checked)} /> This is a hint (costs points)
            </label>
          </>
        )}
        <div class="control-row">
          <label class="inline-field">
            <span>To</span>
            <select value={teamId} onChange={(e) => setTeamId(e.currentTarget.value)}>
              <option value="">All teams</option>
              {props.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </label>
          <button type="submit" class="btn btn-primary" disabled={busy || props.disabled}>Send inject</button>
        </div>
      </form>
    </section>
  );
}
