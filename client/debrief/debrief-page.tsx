/**
 * The scored debrief at /debrief/:sessionId: a permalink that works after the session ends and
 * after a restart (the server recomputes it from the log). `?team=<id>` picks the team shown;
 * `?code=<join code>` lets the host, whose secret this browser remembers, preview it early;
 * `?present` (or `?present=<n>`) opens the presentation view for a projector, at section n.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { PageProps } from '../routes.ts';
import { TopBar } from '../components/top-bar.tsx';
import { hostSecretFor } from '../lib/storage.ts';
import { ComparisonTable } from './comparison-table.tsx';
import { CurveOverlay } from './curve-overlay.tsx';
import { ExportLinks } from './export-links.tsx';
import { LessonsList } from './lessons-list.tsx';
import { MilestonesTable } from './milestones-table.tsx';
import { ReplayDashboard } from './replay-dashboard.tsx';
import { ReplayScrubber } from './replay-scrubber.tsx';
import { ScoreBreakdown } from './score-breakdown.tsx';
import { ScoreHeadline } from './score-headline.tsx';
import { TeamSelect } from './team-select.tsx';
import { TimelineView } from './timeline-view.tsx';
import { AbandonedStretches } from './abandoned-stretches.tsx';
import { useDebrief } from './use-debrief.ts';
import { AfterActionReview } from './after-action-review.tsx';
import { CommsReview } from './comms-review.tsx';
import { DiagnosesReview } from './diagnoses-review.tsx';
import { FacilitatorReview } from './facilitator-review.tsx';
import { postReview } from './debrief-api.ts';
import type { SendReview } from './review-form.tsx';
import { useReplay } from './use-replay.ts';
import { WhatHappened } from './what-happened.tsx';
import { DisguiseReveal } from './disguise-reveal.tsx';
import type { Debrief } from '../../server/protocol/debrief.ts';
import { SESSION_MODE_INFO } from '../../server/protocol/session-mode.ts';
import './debrief.css';
import { ProblemPage } from '../components/problem-page.tsx';
import { BranchForm } from '../branch/branch-form.tsx';
import { createBranch } from '../branch/branch-api.ts';
import { BranchComparison } from './branch-comparison.tsx';
import { BranchTree } from './branch-tree.tsx';
import { branchViewOf } from './branch-view.ts';
import { PresentationView } from './presentation-view.tsx';
import { presentFromQuery, presentUrl } from './present-sections.ts';

export default function DebriefPage(props: PageProps) {
  const sessionId = props.params.sessionId ?? '';
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const hostSecret = useMemo(() => (code ? hostSecretFor(code) : null), [code]);
  // Bumped after the facilitator logs a review: the debrief is fetched again (it scores the review).
  const [version, setVersion] = useState(0);
  const state = useDebrief(sessionId, hostSecret, version);

  if (state.kind === 'loading') return <main class="page-center" aria-busy="true"><p class="muted">Computing the debrief…</p></main>;
  if (state.kind === 'error') {
    return (
      <ProblemPage title={state.status === 409 ? 'Not yet' : 'No debrief here'} testId="debrief-error">
        <p>{state.message}</p>
      </ProblemPage>
    );
  }
  // Only the host reviews, and only once the session has ended (the debrief is then final).
  const send: SendReview | null = hostSecret && state.debrief.session.endedAt !== null
    ? async (review) => { await postReview(sessionId, hostSecret, review); setVersion((v) => v + 1); }
    : null;
  return <DebriefView debrief={state.debrief} sessionId={sessionId} hostSecret={hostSecret} initialTeam={query.get('team')} initialPresent={query.get('present')} send={send} />;
}

function DebriefView(props: { debrief: Debrief; sessionId: string; hostSecret: string | null; initialTeam: string | null; initialPresent: string | null; send: SendReview | null }) {
  const { debrief, send } = props;
  const [teamId, setTeamId] = useState(debrief.teams.some((t) => t.id === props.initialTeam) ? props.initialTeam! : debrief.teams[0]?.id ?? '');
  const [t, setT] = useState(debrief.endedAt);
  // "Print all teams": every team's report is rendered for the print, then removed.
  const [printAll, setPrintAll] = useState(false);
  useEffect(() => {
    const done = () => setPrintAll(false);
    window.addEventListener('afterprint', done);
    return () => window.removeEventListener('afterprint', done);
  }, []);
  const team = debrief.teams.find((x) => x.id === teamId);
  const replay = useReplay(props.sessionId, teamId, t, props.hostSecret);
  const start = debrief.times[0] ?? debrief.endedAt;
  const step = (debrief.times[1] ?? start + 60) - start;
  const branch = useMemo(() => branchViewOf(debrief), [debrief]);
  // An ended session is open to anyone with this link; a preview sends the host secret.
  const branchFrom = (id: string, at: string) => createBranch(props.sessionId, { teamId: id, at, ...(props.hostSecret ? { hostSecret: props.hostSecret } : {}) });

  const chooseTeam = (id: string) => {
    setTeamId(id);
    const url = new URL(location.href);
    url.searchParams.set('team', id);
    history.replaceState(null, '', url);
  };
  // The presentation's section lives in the URL too, so a projector can be pointed at one.
  const [present, setPresentState] = useState(() => presentFromQuery(props.initialPresent));
  const setPresent = useCallback((section: number | null) => {
    setPresentState(section);
    history.replaceState(null, '', presentUrl(location.href, section));
  }, []);
  const leavePresentation = useCallback(() => setPresent(null), [setPresent]);

  if (present !== null && team) {
    return (
      <div class="page">
        <PresentationView debrief={debrief} team={team} branch={branch} section={present} onSection={setPresent} onExit={leavePresentation} onTeam={chooseTeam} />
      </div>
    );
  }

  return (
    <div class="page debrief-page">
      <TopBar context={<span class="context-title">Debrief · {debrief.scenario.title}</span>}>
        <ExportLinks sessionId={props.sessionId} beforePrint={(all) => { setT(debrief.endedAt); setPrintAll(all); }} />
      </TopBar>
      <main class={`debrief${printAll ? ' printing-all' : ''}`}>
        <header class="debrief-head">
          <div>
            <h1>{debrief.scenario.title}</h1>
            <p class="muted">
              {debrief.scenario.date} · simulated {debrief.scenario.start}–{debrief.endedClock} UTC · session {debrief.session.code ?? debrief.session.id}
              {' · '}<span data-testid="debrief-mode" title={SESSION_MODE_INFO[debrief.mode].explanation}>{SESSION_MODE_INFO[debrief.mode].label} mode</span>
              {debrief.session.endedAt === null ? ' · preview: the session is still running' : ''}
            </p>
            {branch && (
              <p class="branch-of" data-testid="debrief-branch-of">
                Branch of {branch.parentCode ?? 'a session no longer stored'} at {branch.clock} UTC: scored from {branch.clock} on, beside the original run
              </p>
            )}
          </div>
          {team && (
            <div class="debrief-head-controls no-print">
              <TeamSelect teams={debrief.teams} value={teamId} onChange={chooseTeam} />
              <button type="button" class="btn" onClick={() => setPresent(1)} data-testid="present-toggle">Present to the room</button>
            </div>
          )}
        </header>
        {!team ? <p class="muted">This session had no teams.</p> : (
          <>
            <ScoreHeadline debrief={debrief} team={team} />
            <AfterActionReview team={team} />
            <BranchTree debrief={debrief} />
            {branch && <BranchComparison debrief={debrief} team={team} branch={branch} />}
            <ComparisonTable debrief={debrief} selected={team.id} />
            <section class="debrief-section" aria-labelledby="debrief-curves">
              <h2 id="debrief-curves">{team.name}'s curves over the real responders' run</h2>
              <ReplayScrubber start={start} end={debrief.endedAt} step={step} t={t} onChange={setT} />
              <BranchForm teams={debrief.teams} teamId={team.id} at={t} create={branchFrom} />
              <div class="debrief-curves" data-testid="debrief-curves">
                {debrief.signals.map((s) => <CurveOverlay key={s.id} debrief={debrief} team={team} signal={s} t={t} branch={branch} />)}
              </div>
            </section>
            <ReplayDashboard debrief={debrief} team={team} t={t} observation={replay.observation} error={replay.error} />
            <MilestonesTable team={team} />
            <TimelineView debrief={debrief} team={team} t={t} branch={branch} />
            <AbandonedStretches team={team} />
            <ScoreBreakdown team={team} />
            <CommsReview debrief={debrief} team={team} send={send} />
            <DiagnosesReview debrief={debrief} team={team} send={send} />
            <WhatHappened debrief={debrief} team={team} />
            <DisguiseReveal debrief={debrief} />
            <LessonsList team={team} />
            <FacilitatorReview team={team} send={send} />
          </>
        )}
        {printAll && (
          <div class="print-all" data-testid="print-all-teams">
            {debrief.teams.map((x) => (
              <section key={x.id} class="print-team">
                <h2>{x.name}</h2>
                <ScoreHeadline debrief={debrief} team={x} />
                <AfterActionReview team={x} />
                <MilestonesTable team={x} />
                <ScoreBreakdown team={x} />
                <CommsReview debrief={debrief} team={x} send={null} />
                <DiagnosesReview debrief={debrief} team={x} send={null} />
                <TimelineView debrief={debrief} team={x} t={debrief.endedAt} branch={branch} />
                <LessonsList team={x} />
                <FacilitatorReview team={x} send={null} />
              </section>
            ))}
          </div>
        )}
      </main>
    </div>
  );
}
