/** One contract, run against every store implementation. */
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalStore } from './journal-store.ts';
import { LowdbStore } from './lowdb-store.ts';
import { MemoryStore } from './memory-store.ts';
import { connectRedis, type Redis } from './redis-client.ts';
import { RedisStore } from './redis-store.ts';
import { RedisTestServer } from './redis-test-server.ts';
import type { LogEntry, SessionSettings } from './session-record.ts';
import type { SessionStore } from './session-store.ts';

// Join codes are unique among stored sessions (the registry picks a free one; Redis refuses a taken one).
const settings = (id: string, code = 'K7QX2M'): SessionSettings => ({
  id, code, scenarioId: 'toy-config-push', seed: 7, speed: 10,
  teams: [{ id: 't1', name: 'Team 1' }], hostSecretHash: 'ab'.repeat(32), createdAt: 1,
});
const join = (seq: number, playerId: string): LogEntry => ({
  seq, at: 36000, wall: seq, type: 'player-joined', payload: { playerId, name: `P${seq}`, tokenHash: 'cd'.repeat(32), teamId: 't1', role: null },
});
const act = (seq: number): LogEntry => ({
  seq, at: 36010, wall: seq, type: 'command',
  payload: { teamId: 't1', playerId: 'p1', clientActionId: `c${seq}`, command: { type: 'act', action: 'restart_api', params: {} }, entry: seq },
});

const end = (seq: number, wall: number): LogEntry => ({ seq, at: 36100, wall, type: 'clock', payload: { action: 'end', simTime: 36100, speed: 10, reason: 'host' } });

const tempFile = async () => path.join(await mkdtemp(path.join(tmpdir(), 'store-')), 'db.json');

// One real redis-server for the suite (started on first use), emptied for each store.
let redisServer: RedisTestServer | undefined;
let redis: Redis | undefined;
afterAll(async () => {
  await redis?.close();
  await redisServer?.remove();
});
async function freshRedis(): Promise<Redis> {
  redisServer ??= await RedisTestServer.start();
  redis ??= await connectRedis(redisServer.url, { log: () => {} });
  await redis.flushDb();
  return redis;
}

const implementations: [string, () => Promise<SessionStore>][] = [
  ['memory', async () => new MemoryStore()],
  ['lowdb', async () => LowdbStore.open(await tempFile(), { batchMs: 5 })],
  ['journal', async () => JournalStore.open(await tempFile(), { compaction: 'inline' })],
  ['redis', async () => RedisStore.open(await freshRedis())],
];

describe.each(implementations)('SessionStore contract: %s', (_name, open) => {
  it('creates sessions and refuses a duplicate id', async () => {
    const store = await open();
    expect(store.create(settings('s1'))).toEqual({ ok: true });
    expect(store.create(settings('s1')).ok).toBe(false);
    expect(store.get('s1')?.settings.code).toBe('K7QX2M');
    expect(store.list().map((s) => s.settings.id)).toEqual(['s1']);
    expect(store.get('nope')).toBeUndefined();
    await store.close();
  });

  it('appends in sequence and refuses gaps, repeats and unknown sessions', async () => {
    const store = await open();
    store.create(settings('s1'));
    expect(store.append('s1', [join(1, 'p1'), act(2)])).toEqual({ ok: true });
    expect(store.append('s1', [act(4)]).ok).toBe(false);
    expect(store.append('s1', [act(2)]).ok).toBe(false);
    expect(store.append('ghost', [join(1, 'p1')]).ok).toBe(false);
    expect(store.append('s1', [act(3)])).toEqual({ ok: true });
    expect(store.get('s1')?.log.map((e) => e.seq)).toEqual([1, 2, 3]);
    await store.flush();
    await store.close();
  });

  it('keeps its own copy of what it is given', async () => {
    const store = await open();
    const s = settings('s1');
    store.create(s);
    const entry = join(1, 'p1');
    store.append('s1', [entry]);
    s.code = 'CHANGED';
    if (entry.type === 'player-joined') entry.payload.name = 'changed';
    const stored = store.get('s1')!.log[0]!;
    expect(store.get('s1')?.settings.code).toBe('K7QX2M');
    expect(stored.type === 'player-joined' && stored.payload.name).toBe('P1');
    await store.close();
  });

  it('overwrites the clock checkpoint and clears it', async () => {
    const store = await open();
    store.create(settings('s1'));
    expect(store.get('s1')?.checkpoint).toBeNull();
    store.setCheckpoint('s1', { simTime: 36100, wall: 5 });
    store.setCheckpoint('s1', { simTime: 36200, wall: 6 });
    expect(store.get('s1')?.checkpoint).toEqual({ simTime: 36200, wall: 6 });
    store.setCheckpoint('s1', null);
    expect(store.get('s1')?.checkpoint).toBeNull();
    expect(store.setCheckpoint('ghost', null).ok).toBe(false);
    await store.close();
  });

  it('flush(sessionId) covers that session\'s entries', async () => {
    const store = await open();
    store.create(settings('a', 'AAAAAA'));
    store.create(settings('b', 'BBBBBB'));
    store.append('a', [join(1, 'p1')]);
    await store.flush('a');
    await store.flush('b');
    await store.flush('ghost');
    expect(store.get('a')?.log).toHaveLength(1);
    await store.close();
  });

  it('lists ended sessions with their end; load() gives a stored session back, release() is harmless', async () => {
    const store = await open();
    store.create(settings('s1'));
    store.append('s1', [join(1, 'p1'), end(2, 777)]);
    store.create(settings('s2', 'BBBBBB'));
    await store.flush();
    expect(store.list().map((s) => [s.settings.id, s.endedWall])).toEqual([['s1', 777], ['s2', null]]);
    store.release('s1');
    expect((await store.load('s1'))?.log.map((e) => e.seq)).toEqual([1, 2]);
    expect(await store.load('ghost')).toBeUndefined();
    await store.close();
  });

  it('flush resolves for concurrent callers, after their changes', async () => {
    const store = await open();
    store.create(settings('s1'));
    const flushes: Promise<void>[] = [];
    for (let i = 1; i <= 50; i++) {
      store.append('s1', [act(i)]);
      flushes.push(store.flush());
    }
    await Promise.all(flushes);
    expect(store.get('s1')?.log).toHaveLength(50);
    await store.close();
  });
});

// Stores that keep sessions beyond the process: reopened, they hold what was flushed.
const persistent: [string, () => Promise<{ store: SessionStore; reopen: () => Promise<SessionStore> }>][] = [
  ['lowdb', async () => {
    const file = await tempFile();
    return { store: await LowdbStore.open(file, { batchMs: 5 }), reopen: () => LowdbStore.open(file) };
  }],
  ['journal', async () => {
    const file = await tempFile();
    return { store: await JournalStore.open(file, { compaction: 'inline' }), reopen: () => JournalStore.open(file, { compaction: 'inline' }) };
  }],
  ['redis', async () => {
    const client = await freshRedis();
    return { store: await RedisStore.open(client), reopen: () => RedisStore.open(client) };
  }],
];

describe.each(persistent)('SessionStore contract, persistent: %s', (_name, open) => {
  it('what was flushed is there after reopening, identical; a removed session is gone for good', async () => {
    const { store, reopen } = await open();
    store.create(settings('kept', 'AAAAAA'));
    store.create(settings('gone', 'BBBBBB'));
    store.append('kept', [join(1, 'p1'), act(2)]);
    store.append('gone', [join(1, 'p1')]);
    store.setCheckpoint('kept', { simTime: 36100, wall: 5 });
    await store.flush();
    await store.remove('gone');
    await store.close(); // checkpoints are durable by close()
    const again = await reopen();
    expect(again.problems).toEqual([]);
    expect(again.list()).toEqual(store.list());
    expect(again.list().map((s) => s.settings.id)).toEqual(['kept']);
    expect(again.get('kept')?.checkpoint).toEqual({ simTime: 36100, wall: 5 });
    await again.close();
  });
});

describe('LowdbStore specifics', () => {
  const sessionFile = (dataFile: string, id: string) => path.join(LowdbStore.sessionsDirOf(dataFile), `${id}.json`);

  it('everything flushed is on disk and reloads identically; a burst of changes makes few writes', async () => {
    const file = await tempFile();
    const store = await LowdbStore.open(file, { batchMs: 20 });
    store.create(settings('s1'));
    store.create(settings('s2'));
    for (let i = 1; i <= 200; i++) store.append('s1', [i === 1 ? join(1, 'p1') : act(i)]);
    store.setCheckpoint('s1', { simTime: 36500, wall: 9 });
    await store.flush('s1');
    const onDisk = JSON.parse(await readFile(sessionFile(file, 's1'), 'utf8')) as { log: unknown[] };
    expect(onDisk.log).toHaveLength(200);
    await store.close(); // checkpoints are batched separately; close writes everything
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, checkpoints: { s1: { simTime: 36500, wall: 9 } } });
    const again = await LowdbStore.open(file);
    expect(again.problems).toEqual([]);
    expect(again.list()).toEqual(store.list());
  });

  it('a data file that is not JSON is moved aside and reported; sessions and new writes carry on', async () => {
    const file = await tempFile();
    const first = await LowdbStore.open(file);
    first.create(settings('kept'));
    await first.close();
    await writeFile(file, '{"version":1,"checkpoints":{"x":');
    const store = await LowdbStore.open(file);
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]?.message).toMatch(/not valid JSON/);
    expect(await readFile(store.problems[0]!.movedTo!, 'utf8')).toBe('{"version":1,"checkpoints":{"x":');
    expect(store.list().map((s) => s.settings.id)).toEqual(['kept']);
    store.create(settings('fresh'));
    store.setCheckpoint('fresh', { simTime: 1, wall: 2 });
    await store.close();
    expect(JSON.parse(await readFile(file, 'utf8')).checkpoints.fresh).toEqual({ simTime: 1, wall: 2 });
  });

  it('a session file that fails the schema (e.g. a broken log) is kept aside; the others load', async () => {
    const file = await tempFile();
    const first = await LowdbStore.open(file);
    first.create(settings('good'));
    first.create(settings('bad'));
    await first.close();
    await writeFile(sessionFile(file, 'bad'), JSON.stringify({ version: 1, settings: settings('bad'), log: [act(2)] }));
    const store = await LowdbStore.open(file);
    expect(store.problems).toHaveLength(1);
    expect(store.problems[0]?.message).toMatch(/schema/);
    expect(store.list().map((s) => s.settings.id)).toEqual(['good']);
    const names = await readdir(LowdbStore.sessionsDirOf(file));
    expect(names.some((n) => n.startsWith('bad.json.corrupt-'))).toBe(true);
  });

  it('an empty (truncated) file is corrupt, not an empty database', async () => {
    const file = await tempFile();
    await writeFile(file, '');
    const store = await LowdbStore.open(file);
    expect(store.problems).toHaveLength(1);
  });

  it('a data file or session file holding null (or any non-object) is kept aside and reported, never written over', async () => {
    const file = await tempFile();
    const first = await LowdbStore.open(file);
    first.create(settings('kept'));
    first.create(settings('nulled'));
    await first.close();
    await writeFile(file, 'null');
    await writeFile(sessionFile(file, 'nulled'), 'null');
    const store = await LowdbStore.open(file);
    expect(store.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/db\.json holds null, not a data file; kept aside as .*\.corrupt-/),
      expect.stringMatching(/nulled\.json holds null, not a data file; kept aside as .*\.corrupt-/),
    ]);
    for (const p of store.problems) expect(await readFile(p.movedTo!, 'utf8')).toBe('null');
    expect(store.list().map((s) => s.settings.id)).toEqual(['kept']);
    await store.close();
    for (const bad of ['"text"', '42', 'true']) {
      await writeFile(file, bad);
      const again = await LowdbStore.open(file);
      expect(again.problems[0]?.message).toMatch(/schema/);
      expect(await readFile(again.problems[0]!.movedTo!, 'utf8')).toBe(bad);
      await again.close();
    }
  });
});
