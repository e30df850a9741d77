/**
 * The facilitator's review after the end (docs/scoring.md, "Facilitator review"): appended to the
 * log as `review` entries, never before the end, only with the host secret, checked against the
 * session, replayed after a restart, and scored by the debrief.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDebrief } from '../debrief/build-debrief.ts';
import { renderDebriefMarkdown } from '../debrief/render-markdown.ts';
import { sessionDebriefInput } from '../debrief/session-debrief-input.ts';
import { reviewSchema, type ReviewRequest } from '../protocol/review.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { SessionService } from './session-service.ts';
import { REVIEW_AFTER_END, WRONG_SECRET_TO_REVIEW } from './session-review.ts';
import { created, loadToy, ManualTimers, RecordingOutbox, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

const review = (r: ReviewRequest) => reviewSchema.parse(r);

async function playedAndEnded(store = new MemoryStore()) {
  const ctx = setup(store);
  const { service, advanceWall } = ctx;
  const session = await created(service, 60);
  const { sessionId, p1 } = session;
  await service.controlClock(sessionId, { action: 'start' });
  advanceWall(10_000); // 10:10 at 60×
  const post = await service.command(sessionId, p1.playerId, 'post', { type: 'act', action: 'post_status', params: { state: 'resolved', components: [], message: 'All is well again, nothing to see.' } });
  const diagnosis = await service.command(sessionId, p1.playerId, 'diag', { type: 'diagnose', trigger: 'config_push', mechanism: 'overload', text: 'config v42 carries a value the workers cannot parse' });
  if (!post.ok || !diagnosis.ok) throw new Error('command refused');
  advanceWall(20_000);
  return { ...ctx, ...session, postEntry: post.entry, diagnosisEntry: diagnosis.entry };
}

describe('the facilitator review', () => {
  it('is refused before the end and without the host secret', async () => {
    const { service, advanceWall } = setup();
    const s = await created(service, 60);
    await service.controlClock(s.sessionId, { action: 'start' });
    advanceWall(1000);
    expect(await service.review(s.sessionId, s.hostSecret, review({ kind: 'points', teamId: 't1', points: 5, reason: 'good calls' }))).toEqual({ ok: false, error: REVIEW_AFTER_END });
    await service.controlClock(s.sessionId, { action: 'end' });
    expect(await service.review(s.sessionId, 'not-the-host-secret', review({ kind: 'points', teamId: 't1', points: 5, reason: 'good calls' }))).toEqual({ ok: false, error: WRONG_SECRET_TO_REVIEW });
  });

  it('checks what it marks against the session: the team, the diagnosis, the post, the entry it withdraws', async () => {
    const { service, sessionId, hostSecret, postEntry, diagnosisEntry } = await playedAndEnded();
    await service.controlClock(sessionId, { action: 'end' });
    expect(await service.review(sessionId, hostSecret, review({ kind: 'points', teamId: 'nope', points: 5, reason: 'good calls' }))).toMatchObject({ ok: false, error: 'this session has no team "nope"' });
    expect(await service.review(sessionId, hostSecret, review({ kind: 'diagnosis', teamId: 't1', entry: postEntry, verdict: 'right', reason: 'xyz' }))).toMatchObject({ ok: false });
    expect(await service.review(sessionId, hostSecret, review({ kind: 'status-post', teamId: 't1', entry: diagnosisEntry, verdict: 'accurate', reason: 'xyz' }))).toMatchObject({ ok: false });
    expect(await service.review(sessionId, hostSecret, review({ kind: 'withdraw', teamId: 't1', review: 1, reason: 'oops' }))).toMatchObject({ ok: false, error: 'team t1 has no review 1 to withdraw' });
  });

  it('is logged after the end, replayed after a restart, and scored by the debrief', async () => {
    const store = new MemoryStore();
    const { service, sessionId, hostSecret, postEntry, diagnosisEntry } = await playedAndEnded(store);
    await service.controlClock(sessionId, { action: 'end' });
    const debriefOf = (s: SessionService) => {
      const finished = s.getFinishedSession(sessionId);
      if (!finished.ok) throw new Error(finished.error);
      return buildDebrief(sessionDebriefInput(toy, finished.session));
    };
    const before = debriefOf(service).teams.find((t) => t.id === 't1')!;
    expect(before.score.diagnoses[0]).toMatchObject({ verdict: 'partly-right', credited: false });

    const marks = [
      review({ kind: 'diagnosis', teamId: 't1', entry: diagnosisEntry, verdict: 'right', reason: 'the text names the bad value' }),
      review({ kind: 'status-post', teamId: 't1', entry: postEntry, verdict: 'inaccurate', reason: 'said all is well while the API failed' }),
      review({ kind: 'points', teamId: 't1', points: 15, objective: 'communicate', reason: 'kept the channel calm' }),
      review({ kind: 'improvement', teamId: 't1', what: 'Validate config values before the push', owner: 'Ada', due: '2026-02-01' }),
      review({ kind: 'points', teamId: 't1', points: -5, reason: 'entered by mistake' }),
    ];
    const seqs: number[] = [];
    for (const m of marks) {
      const ack = await service.review(sessionId, hostSecret, m);
      if (!ack.ok) throw new Error(ack.error);
      seqs.push(ack.seq);
    }
    expect(await service.review(sessionId, hostSecret, review({ kind: 'withdraw', teamId: 't1', review: seqs[4]!, reason: 'entered by mistake' }))).toMatchObject({ ok: true });
    expect(await service.review(sessionId, hostSecret, review({ kind: 'withdraw', teamId: 't1', review: seqs[4]!, reason: 'again' }))).toMatchObject({ ok: false });
    expect(store.get(sessionId)!.log.filter((e) => e.type === 'review')).toHaveLength(6);

    const after = debriefOf(service).teams.find((t) => t.id === 't1')!;
    expect(after.score.diagnoses[0]).toMatchObject({ verdict: 'right', credited: true, facilitator: { verdict: 'right', reason: 'the text names the bad value' } });
    expect(after.score.comms!.posts[0]).toMatchObject({ verdict: 'inaccurate', facilitator: { verdict: 'inaccurate' } });
    expect(after.score.adjustments.map((a) => a.points)).toEqual([15]);
    expect(after.improvementPlan).toEqual([{ seq: seqs[3], what: 'Validate config values before the push', owner: 'Ada', due: '2026-02-01', objective: null }]);
    expect(after.reviewLog.map((r) => [r.kind, r.withdrawn])).toEqual([['diagnosis', false], ['status-post', false], ['points', false], ['improvement', false], ['points', true], ['withdraw', false]]);
    expect(after.score.total).not.toBe(before.score.total);
    expect(after.aar.find((o) => o.id === 'communicate')!.strengths).toContain('Facilitator: kept the channel calm (+15).');
    const md = renderDebriefMarkdown(debriefOf(service));
    expect(md).toContain('| Validate config values before the push | Ada | 2026-02-01 | — |');
    expect(md).toContain('marked inaccurate by the facilitator: said all is well while the API failed');

    // A restart folds the review entries back in: the same debrief.
    const restarted = new SessionService({ scenarios: new Map([[toy.data.id, toy]]), store, outbox: new RecordingOutbox(), timers: new ManualTimers(), now: () => 9_000_000 });
    restarted.restore();
    expect(debriefOf(restarted).teams).toEqual(debriefOf(service).teams);
    expect(restarted.restoreProblems).toEqual([]);
  });
});
