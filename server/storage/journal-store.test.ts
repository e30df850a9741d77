/**
 * The journal store beyond the shared contract: what an acknowledgement costs, what a crash in
 * the middle of an append leaves (every byte offset of the last record), corruption kept aside,
 * ended sessions leaving memory and coming back, compaction (in the worker too), and taking over
 * the lowdb store's files.
 */
import { mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JournalStore, type JournalStoreOptions } from './journal-store.ts';
import { encodeRecord } from './journal-record.ts';
import { LowdbStore } from './lowdb-store.ts';
import type { LogEntry, SessionSettings } from './session-record.ts';

const settings = (id: string, code = 'K7QX2M'): SessionSettings => ({
  id, code, scenarioId: 'toy-config-push', seed: 7, speed: 10,
  teams: [{ id: 't1', name: 'Team 1' }], hostSecretHash: 'ab'.repeat(32), createdAt: 1,
});
const join = (seq: number): LogEntry => ({
  seq, at: 36000, wall: seq, type: 'player-joined', payload: { playerId: `p${seq}`, name: `P${seq}`, tokenHash: 'cd'.repeat(32), teamId: 't1', role: null },
});
const act = (seq: number): LogEntry => ({
  seq, at: 36010, wall: seq, type: 'command',
  payload: { teamId: 't1', playerId: 'p1', clientActionId: `c${seq}`, command: { type: 'act', action: 'restart_api', params: {} }, entry: seq },
});
const end = (seq: number): LogEntry => ({ seq, at: 36100, wall: 5000 + seq, type: 'clock', payload: { action: 'end', simTime: 36100, speed: 10, reason: 'host' } });
const rename = (seq: number, name = `After ${seq}`): LogEntry => ({ seq, at: 36100, wall: 6000 + seq, type: 'team-renamed', payload: { teamId: 't1', name } });

const quiet: JournalStoreOptions = { compaction: 'inline', compactEveryMs: 0, compactAfterEndMs: 60_000 };
const tempDir = () => mkdtemp(path.join(tmpdir(), 'journal-'));
const firstSegment = (dataFile: string) => path.join(JournalStore.pathsOf(dataFile).journalDir, 'journal-00000001.jsonl');

describe('JournalStore', () => {
  it('an acknowledged command costs its own record, however long the session already is', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, { ...quiet, fsync: false });
    store.create(settings('s1'));
    store.append('s1', [join(1)]);
    const cost = async (seq: number) => {
      const before = store.health().bytesWritten;
      store.append('s1', [act(seq)]);
      await store.flush('s1');
      return store.health().bytesWritten - before;
    };
    for (let seq = 2; seq < 10; seq++) store.append('s1', [act(seq)]);
    await store.flush();
    const early = await cost(10);
    for (let seq = 11; seq < 5000; seq++) store.append('s1', [act(seq)]);
    await store.flush();
    const late = await cost(5000);
    expect(early).toBe(Buffer.byteLength(encodeRecord({ s: 's1', k: 'log', e: act(10) })));
    expect(late).toBe(Buffer.byteLength(encodeRecord({ s: 's1', k: 'log', e: act(5000) })));
    // Only the numbers' digits differ (seq, wall, entry, client action id): nothing grows with the log.
    expect(late - early).toBeLessThanOrEqual(8);
    await store.close();
  });

  it('group commit: one write and one fdatasync cover what every session appended meanwhile', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, quiet);
    for (let s = 0; s < 20; s++) store.create(settings(`s${s}`, `CODE${s}`));
    await store.flush();
    const before = store.health();
    const acks: Promise<void>[] = [];
    for (let seq = 1; seq <= 10; seq++) {
      for (let s = 0; s < 20; s++) {
        store.append(`s${s}`, [join(seq)]);
        acks.push(store.flush(`s${s}`));
      }
    }
    await Promise.all(acks);
    const after = store.health();
    expect(after.recordsWritten - before.recordsWritten).toBe(200);
    expect(after.fsyncs - before.fsyncs).toBeLessThanOrEqual(2);
    expect(after.fsyncs - before.fsyncs).toBe(after.writes - before.writes);
    await store.close();
  });

  it('a crash at any byte of the last record loses nothing acknowledged; the torn record is kept aside and reported', async () => {
    const origin = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(origin, { ...quiet, fsync: false });
    store.create(settings('s1'));
    store.append('s1', [join(1), act(2), act(3)]);
    await store.flush();
    const acknowledgedEnd = (await stat(firstSegment(origin))).size;
    // The last record (with a non-ASCII name, so a cut can fall inside a character).
    store.append('s1', [rename(4, 'Équipe ünë')]);
    await store.flush();
    await store.close();
    const bytes = await readFile(firstSegment(origin));
    expect(bytes.length).toBeGreaterThan(acknowledgedEnd + 50);

    for (let cut = acknowledgedEnd; cut <= bytes.length; cut++) {
      const file = path.join(await tempDir(), 'db.json');
      await mkdir(JournalStore.pathsOf(file).journalDir, { recursive: true });
      await writeFile(firstSegment(file), bytes.subarray(0, cut));
      const reopened = await JournalStore.open(file, { ...quiet, fsync: false });
      const whole = cut === bytes.length;
      expect(reopened.get('s1')?.log.map((e) => e.seq), `cut at ${cut}`).toEqual(whole ? [1, 2, 3, 4] : [1, 2, 3]);
      if (cut === acknowledgedEnd || whole) {
        expect(reopened.problems, `cut at ${cut}`).toEqual([]);
      } else {
        expect(reopened.problems, `cut at ${cut}`).toHaveLength(1);
        const problem = reopened.problems[0]!;
        expect(problem.message).toMatch(/not a whole record .* kept aside as .*\.corrupt-.* and cut off the journal/);
        expect(await readFile(problem.movedTo!)).toEqual(bytes.subarray(acknowledgedEnd, cut));
        expect((await stat(firstSegment(file))).size).toBe(acknowledgedEnd);
      }
      // It goes on in a new segment, and starts clean the next time.
      reopened.append('s1', [act(whole ? 5 : 4)]);
      await reopened.close();
      const again = await JournalStore.open(file, { ...quiet, fsync: false });
      expect(again.problems).toEqual([]);
      expect(again.get('s1')?.log).toHaveLength(whole ? 5 : 4);
      await again.close();
    }
  });

  it('a corrupt record with good ones after it is kept aside and reported; the others still apply', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, quiet);
    store.create(settings('s1'));
    store.create(settings('s2', 'BBBBBB'));
    store.append('s1', [join(1)]);
    store.append('s2', [join(1)]);
    store.append('s2', [act(2)]);
    await store.close();
    const lines = (await readFile(firstSegment(file), 'utf8')).split('\n');
    const flipped = lines[3]!.replace('"p1"', '"p9"'); // s2's join: the checksum no longer matches
    await writeFile(firstSegment(file), [...lines.slice(0, 3), flipped, ...lines.slice(4)].join('\n'));
    const reopened = await JournalStore.open(file, quiet);
    expect(reopened.get('s1')?.log).toHaveLength(1);
    expect(reopened.get('s2')?.log).toEqual([]);
    expect(reopened.problems).toHaveLength(1);
    expect(reopened.problems[0]!.message).toMatch(/1 corrupt record\(s\) .* and 1 record\(s\) that do not apply \(session s2: log entry 2 does not follow entry 0\); kept aside as/);
    expect(await readFile(reopened.problems[0]!.movedTo!, 'utf8')).toBe(`${flipped}\n${lines[4]}\n`);
    await reopened.close();
  });

  it('ended sessions leave memory once compacted into their files, come back on demand, and take entries after the end', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, quiet);
    store.create(settings('done'));
    store.create(settings('open', 'BBBBBB'));
    store.append('done', [join(1), end(2)]);
    store.append('open', [join(1)]);
    store.setCheckpoint('open', { simTime: 36050, wall: 9 });
    await store.flush();
    store.release('done'); // nobody needs it in memory any more
    expect(store.health().resident).toBe(2); // not on disk yet: it stays until compacted
    await store.compact();
    expect(store.health().resident).toBe(1);
    expect(store.list().map((s) => [s.settings.id, s.endedWall]).sort()).toEqual([['done', 5002], ['open', null]]);
    const sessionsDir = JournalStore.pathsOf(file).sessionsDir;
    expect(await readdir(sessionsDir)).toEqual(['done.json']);

    // Read back, appended to after its end (a facilitator's review), released, compacted again.
    const back = await store.load('done');
    expect(back?.log.map((e) => e.seq)).toEqual([1, 2]);
    expect(store.append('done', [rename(3)])).toEqual({ ok: true });
    await store.flush();
    store.release('done');
    expect(store.health().resident).toBe(2);
    await store.compact();
    expect(store.health().resident).toBe(1);
    await store.close();

    const again = await JournalStore.open(file, quiet);
    expect(again.problems).toEqual([]);
    expect(again.get('open')?.checkpoint).toEqual({ simTime: 36050, wall: 9 });
    expect(again.health().resident).toBe(1);
    expect((await again.load('done'))?.log.map((e) => e.type)).toEqual(['player-joined', 'clock', 'team-renamed']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2, sessions: { done: { endedWall: 5002, entries: 3 } } });
    await again.close();
  });

  it('an ended session whose file turns out corrupt when read back is kept aside and reported, never written over', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const told: string[] = [];
    const store = await JournalStore.open(file, { ...quiet, log: (m) => told.push(m) });
    store.create(settings('done'));
    store.append('done', [join(1), end(2)]);
    store.release('done');
    await store.compact();
    const sessionFile = path.join(JournalStore.pathsOf(file).sessionsDir, 'done.json');
    await writeFile(sessionFile, '{"version":1,"settings":');
    expect(await store.load('done')).toBeUndefined();
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]!.message).toMatch(/done\.json not valid JSON.*kept aside as/);
    expect(told).toEqual([`storage: ${store.problems[0]!.message}`]);
    expect(await readFile(store.problems[0]!.movedTo!, 'utf8')).toBe('{"version":1,"settings":');
    expect(store.list()).toEqual([]);
    await store.close();
  });

  it('restart replays the checkpoint and the journal after it; a removal holds across restarts', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, quiet);
    store.create(settings('a'));
    store.create(settings('gone', 'BBBBBB'));
    store.append('a', [join(1)]);
    store.append('gone', [join(1), end(2)]);
    await store.compact();
    store.append('a', [act(2)]);
    await store.remove('gone');
    await store.close();
    const names = await readdir(JournalStore.pathsOf(file).journalDir);
    expect(names.sort()).toEqual(['checkpoint-00000001.jsonl', 'journal-00000002.jsonl']);

    const again = await JournalStore.open(file, quiet);
    expect(again.get('a')?.log.map((e) => e.seq)).toEqual([1, 2]);
    expect(again.list().map((s) => s.settings.id)).toEqual(['a']);
    expect(await again.load('gone')).toBeUndefined();
    await again.compact();
    await again.close();
    const third = await JournalStore.open(file, quiet);
    expect(third.list().map((s) => s.settings.id)).toEqual(['a']);
    expect(await readdir(JournalStore.pathsOf(file).sessionsDir)).toEqual([]);
    await third.close();
  });

  it('a crash between a compaction\'s steps replays to the same sessions, and the next start tidies up', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, quiet);
    store.create(settings('a'));
    store.create(settings('b', 'BBBBBB'));
    store.append('a', [join(1), act(2)]);
    store.append('b', [join(1), end(2)]);
    await store.flush();
    const segment = await readFile(firstSegment(file));
    const index = await readFile(file);
    await store.compact();
    await store.close();
    // As if the process died after writing the checkpoint and b's file, before the index and the clean-up.
    await writeFile(firstSegment(file), segment);
    await writeFile(file, index);
    const again = await JournalStore.open(file, quiet);
    expect(again.problems).toEqual([]);
    expect(again.get('a')?.log.map((e) => e.seq)).toEqual([1, 2]);
    expect(again.list().map((s) => [s.settings.id, s.endedWall]).sort()).toEqual([['a', null], ['b', 5002]]);
    expect((await again.load('b'))?.log).toHaveLength(2);
    expect(await readdir(JournalStore.pathsOf(file).journalDir)).toEqual(['checkpoint-00000001.jsonl', 'journal-00000002.jsonl', 'journal-00000003.jsonl']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 2, sessions: { b: { entries: 2 } } });
    await again.close();
  });

  it('compacts in a worker thread, off the event loop', async () => {
    const file = path.join(await tempDir(), 'db.json');
    const store = await JournalStore.open(file, { compaction: 'worker', compactEveryMs: 0 });
    store.create(settings('s1'));
    store.append('s1', [join(1), end(2)]);
    store.release('s1');
    await store.compact();
    expect(store.health().compactions).toMatchObject({ count: 1, failures: 0, inWorker: true });
    // The worker's own heap is reported: /healthz shows it beside the main thread's.
    const heap = store.health().compactions.workerHeapMb;
    expect(heap?.used).toBeGreaterThan(0);
    expect(heap!.total).toBeGreaterThanOrEqual(heap!.used);
    expect(store.health().resident).toBe(0);
    expect((await store.load('s1'))?.log).toHaveLength(2);
    await store.close();
  });

  it("takes over the lowdb store's files: open sessions move into the journal, ended ones stay as they are", async () => {
    const file = path.join(await tempDir(), 'db.json');
    const old = await LowdbStore.open(file, { batchMs: 1 });
    old.create(settings('running'));
    old.create(settings('finished', 'BBBBBB'));
    old.append('running', [join(1), act(2)]);
    old.append('finished', [join(1), end(2)]);
    old.setCheckpoint('running', { simTime: 36500, wall: 3 });
    await old.close();

    const store = await JournalStore.open(file, quiet);
    expect(store.problems).toEqual([]);
    expect(store.list().map((s) => s.settings.id).sort()).toEqual(['finished', 'running']);
    expect(store.get('running')).toMatchObject({ log: [{ seq: 1 }, { seq: 2 }], checkpoint: { simTime: 36500, wall: 3 } });
    expect(await readdir(LowdbStore.sessionsDirOf(file))).toEqual(['finished.json']);
    expect((await store.load('finished'))?.log).toHaveLength(2);
    await store.close();
    const again = await JournalStore.open(file, quiet);
    expect(again.get('running')?.log).toHaveLength(2);
    await again.close();
  });
});
