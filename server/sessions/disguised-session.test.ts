/**
 * A disguised session, in memory: responders' snapshots, deltas, lobby and acknowledgements are in
 * the aliases, commands in disguised ids work, the host and the log keep the real names, and a
 * restart replays the same log disguised.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JournalStore } from '../storage/journal-store.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { restoreState } from './session-state.ts';
import { SessionService } from './session-service.ts';
import { loadToy, ManualTimers, RecordingOutbox, setup, toy } from './session-test-support.ts';

beforeAll(async () => { await loadToy(); });

/** The toy's real names (scenario.json `disguise.aliases`), its real date, title and ids with a name. */
const REAL = /\bAPI\b|config|2025-01-01|restart_api|"api"/;

async function disguisedSession(service: SessionService) {
  const created = await service.createSession({ scenarioId: 'toy-config-push', teamCount: 1, speed: 60, seed: 9, disguise: true }, 'http://h');
  if (!created.ok) throw new Error(created.error);
  const code = created.code.replace('-', '');
  const ada = await service.join(code, 'Ada', 't1', null);
  if (!ada.ok) throw new Error(ada.error);
  // Teammates: each responder does one thing at a time.
  const bo = await service.join(code, 'Bo', 't1', null);
  if (!bo.ok) throw new Error(bo.error);
  const cy = await service.join(code, 'Cy', 't1', null);
  if (!cy.ok) throw new Error(cy.error);
  return { sessionId: created.sessionId, code, ada, bo, cy };
}

describe('a disguised session', () => {
  it('sends responders the aliases only, takes commands in disguised ids, and keeps real ids in the log and for the host', async () => {
    const { service, outbox, timers, advanceWall, store } = setup();
    const { sessionId, code, ada, bo, cy } = await disguisedSession(service);
    expect(ada.snapshot.disguised).toBe(true);
    expect(ada.snapshot.scenario).toMatchObject({ title: 'Toy: a bad settings push at Acme', date: '2024-02-29' });

    await service.controlClock(sessionId, { action: 'start' });
    advanceWall(6000);
    timers.fire();
    // The disguised id of "Restart the API" and the disguised option of the log query.
    expect(await service.command(sessionId, ada.playerId, 'c1', { type: 'act', action: 'restart_gateway' })).toMatchObject({ ok: true });
    expect(await service.command(sessionId, bo.playerId, 'c2', { type: 'investigate', investigation: 'logs', params: { service: 'gateway' } })).toMatchObject({ ok: true });
    // The real id was never shown: it is refused like any unknown one.
    expect(await service.command(sessionId, ada.playerId, 'c3', { type: 'act', action: 'restart_api' })).toEqual({ ok: false, error: 'That is not available to your team yet.' });
    // A refusal that names a tool names it in the aliases.
    expect(await service.command(sessionId, cy.playerId, 'c4', { type: 'act', action: 'rollback_settings' })).toMatchObject({ ok: true });
    const again = await service.command(sessionId, cy.playerId, 'c5', { type: 'act', action: 'rollback_settings' });
    expect(again.ok).toBe(false);
    expect(JSON.stringify(again)).toMatch(/Roll back the settings/);
    expect(JSON.stringify(again)).not.toMatch(REAL);
    advanceWall(10_000);
    timers.fire();

    const toTeams = outbox.sent.filter((s) => s.audience.to !== 'host');
    expect(toTeams.some((s) => s.event === 'team:delta')).toBe(true);
    const teamJson = JSON.stringify([toTeams.map((s) => s.payload), service.teamSnapshot(sessionId, ada.playerId)]);
    expect(teamJson).toContain('restart_gateway');
    expect(teamJson).toContain('Gateway restarted.');
    expect(teamJson).not.toMatch(REAL);

    // The host and the log keep the real names.
    const hostJson = JSON.stringify(outbox.sent.filter((s) => s.audience.to === 'host').map((s) => s.payload));
    expect(hostJson).toContain('restart_api');
    const host = service.hostSnapshot(sessionId, 'http://h');
    if (!host.ok) throw new Error(host.error);
    expect(host.snapshot.scenario.title).toBe(toy.data.title);
    expect(host.snapshot.disguise).toMatchObject({ title: 'Toy: a bad settings push at Acme', aliases: [{ real: 'API', alias: 'Gateway' }, { real: 'config', alias: 'settings' }] });
    const commands = service.log(sessionId).filter((e) => e.type === 'command').map((e) => e.payload);
    expect(commands.map((c) => ('command' in c ? c.command : null))).toEqual([
      expect.objectContaining({ type: 'act', action: 'restart_api' }),
      expect.objectContaining({ type: 'investigate', investigation: 'logs', params: { service: 'api' } }),
      expect.objectContaining({ type: 'act', action: 'rollback_config' }),
    ]);

    // A restart folds the same log, and the session stays disguised.
    const restored = restoreState(store.get(sessionId)!, toy, 0).state;
    expect(restored.settings.disguise).toBe(true);
    expect(restored.teams.get('t1')!.world.actions.map((a) => a.action)).toEqual(['restart_api', 'rollback_config']);
    expect(code).toHaveLength(6);
  });

  it('is refused for a scenario that declares no disguise', async () => {
    const plain = { ...toy, data: { ...toy.data, id: 'plain', disguise: undefined } };
    const service = new SessionService({ scenarios: new Map([['plain', plain]]), store: new MemoryStore(), outbox: new RecordingOutbox(), timers: new ManualTimers() });
    expect(await service.createSession({ scenarioId: 'plain', teamCount: 1, speed: 60, disguise: true }, 'http://h'))
      .toEqual({ ok: false, error: 'the scenario "plain" declares no disguise (scenario.json "disguise"), so it cannot be played disguised' });
    expect(await service.createSession({ scenarioId: 'plain', teamCount: 1, speed: 60 }, 'http://h')).toMatchObject({ ok: true });
  });

  it('stays disguised after a restart of the server (the journal keeps the setting)', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'disguised-')), 'db.json');
    const first = await JournalStore.open(file, { compaction: 'inline' });
    const { service } = setup(first);
    const { sessionId } = await disguisedSession(service);
    await first.close();
    const reopened = await JournalStore.open(file, { compaction: 'inline' });
    try {
      expect(reopened.get(sessionId)?.settings.disguise).toBe(true);
      const { service: restarted } = setup(reopened);
      restarted.restore();
      const code = reopened.get(sessionId)!.settings.code;
      const room = restarted.roomView(code, 'http://h');
      if (!room.ok) throw new Error(room.error);
      expect(room.view.disguised).toBe(true);
      expect(room.view.scenario.title).toBe('Toy: a bad settings push at Acme');
    } finally {
      await reopened.close();
    }
  });
});
