/**
 * "Acknowledged" means on disk: a session file's flush resolves only after the file's data was
 * fsynced and, after the rename, its directory too; and it is group-committed (many commands, one
 * write; many files, few directory syncs). The file system calls are recorded, not faked.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { LogEntry, SessionSettings } from './session-record.ts';

const calls: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof fs.open = async (file, ...rest) => {
    const handle = await fs.open(file, ...rest);
    const name = path.basename(String(file));
    const datasync = handle.datasync.bind(handle);
    const sync = handle.sync.bind(handle);
    handle.datasync = async () => { await datasync(); calls.push(`datasync ${name}`); };
    handle.sync = async () => { await sync(); calls.push(`sync ${name}`); };
    return handle;
  };
  const rename: typeof fs.rename = async (from, to) => { await fs.rename(from, to); calls.push(`rename ${path.basename(String(to))}`); };
  return { ...fs, default: { ...fs, open, rename }, open, rename };
});

const { LowdbStore } = await import('./lowdb-store.ts');
const { JournalStore } = await import('./journal-store.ts');

const settings = (id: string): SessionSettings => ({
  id, code: 'K7QX2M', scenarioId: 'toy-config-push', seed: 7, speed: 10,
  teams: [{ id: 't1', name: 'Team 1' }], hostSecretHash: 'ab'.repeat(32), createdAt: 1,
});
const join = (seq: number): LogEntry => ({
  seq, at: 36000, wall: seq, type: 'player-joined', payload: { playerId: `p${seq}`, name: `P${seq}`, tokenHash: 'cd'.repeat(32), teamId: 't1', role: null },
});

describe('durable, group-committed session writes', () => {
  it('flush resolves after datasync of the data, the rename, and a sync of the directory', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'durable-')), 'db.json');
    const store = await LowdbStore.open(file, { batchMs: 1 });
    const dirName = path.basename(LowdbStore.sessionsDirOf(file));
    store.create(settings('s1'));
    calls.length = 0;
    store.append('s1', [join(1)]);
    await store.flush('s1');
    expect(calls).toEqual(['datasync .s1.json.tmp', 'rename s1.json', `sync ${dirName}`]);
    expect(JSON.parse(await readFile(path.join(LowdbStore.sessionsDirOf(file), 's1.json'), 'utf8')).log).toHaveLength(1);
    await store.close();
  });

  it('one write and one fsync cover every command that arrived meanwhile; sessions share directory syncs', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'durable-')), 'db.json');
    const store = await LowdbStore.open(file, { batchMs: 1 });
    for (let s = 0; s < 20; s++) store.create(settings(`s${s}`));
    await store.flush();
    calls.length = 0;
    const acks: Promise<void>[] = [];
    for (let seq = 1; seq <= 10; seq++) {
      for (let s = 0; s < 20; s++) {
        store.append(`s${s}`, [join(seq)]);
        acks.push(store.flush(`s${s}`));
      }
    }
    await Promise.all(acks);
    const datasyncs = calls.filter((c) => c.startsWith('datasync')).length;
    const dirSyncs = calls.filter((c) => c.startsWith('sync')).length;
    expect(datasyncs).toBeLessThanOrEqual(40); // 200 commands: at most two writes per session file
    expect(dirSyncs).toBeLessThan(datasyncs);
    for (let s = 0; s < 20; s++) expect(store.get(`s${s}`)!.log).toHaveLength(10);
    await store.close();
  });

  it('fsync: false skips both syncs (benchmarks) but still writes via temp file and rename', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'durable-')), 'db.json');
    const store = await LowdbStore.open(file, { batchMs: 1, fsync: false });
    store.create(settings('s1'));
    calls.length = 0;
    store.append('s1', [join(1)]);
    await store.flush('s1');
    expect(calls).toEqual(['rename s1.json']);
    await store.close();
  });

  it('journal: a new segment is made durable (directory fsync) before use; flush resolves after the batch is fdatasynced', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'durable-')), 'db.json');
    calls.length = 0;
    const store = await JournalStore.open(file, { compaction: 'inline', compactEveryMs: 0 });
    // The index (written at once, durably) and the first segment's directory entry.
    expect(calls).toEqual(['datasync .db.json.tmp', 'rename db.json', `sync ${path.basename(path.dirname(file))}`, 'sync db.journal']);
    calls.length = 0;
    store.create(settings('s1'));
    store.append('s1', [join(1)]);
    store.create(settings('s2'));
    await store.flush('s1');
    expect(calls).toEqual(['datasync journal-00000001.jsonl']);
    await store.close();
  });

  it('journal with fsync: false (DATA_FSYNC=off) writes without any fsync', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'durable-')), 'db.json');
    calls.length = 0;
    const store = await JournalStore.open(file, { compaction: 'inline', compactEveryMs: 0, fsync: false });
    store.create(settings('s1'));
    store.append('s1', [join(1)]);
    await store.flush('s1');
    await store.compact();
    expect(calls.filter((c) => !c.startsWith('rename'))).toEqual([]);
    expect((await readFile(path.join(JournalStore.pathsOf(file).journalDir, 'checkpoint-00000001.jsonl'), 'utf8')).split('\n')).toHaveLength(3);
    await store.close();
  });
});
