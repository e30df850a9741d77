/**
 * A lowdb adapter whose write is durable when it resolves: the JSON goes to a temporary file that
 * is fsynced, renamed over the real one, and then the directory is fsynced (so the rename itself
 * survives a power loss or kernel crash, not only a process kill). A crash at any point leaves
 * either the old file or the new one, never a mix. Directory fsyncs are group-committed per
 * directory: one fsync covers every rename finished before it started.
 * `fsync: false` keeps the temp + rename but skips both fsyncs (benchmarks, tmpfs).
 */
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

export class DurableJSONFile<T> implements Adapter<T> {
  private readonly temp: string;

  constructor(private readonly file: string, private readonly fsync = true) {
    this.temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return JSON.parse(text) as T;
  }

  /** One writer per file at a time (GroupCommitFile guarantees it), so one temp name is enough. */
  async write(data: T): Promise<void> {
    await writeFileDurably(this.file, JSON.stringify(data, null, 2), this.fsync, this.temp);
  }
}

/**
 * Replace `file` with `text` so that a crash leaves the old file or the new one, never a mix:
 * temp file, fdatasync, rename, fsync of the directory (both fsyncs skipped with fsync: false).
 */
export async function writeFileDurably(file: string, text: string | Buffer, fsync = true, temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`)): Promise<void> {
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(text);
    if (fsync) await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  if (fsync) await syncDirectory(path.dirname(file));
}

/** fsync of a directory (a file created or renamed in it survives a power loss), group-committed per directory. */
export function syncDirectory(dir: string): Promise<void> {
  return DirectorySync.of(dir).sync();
}

/** fsync of one directory, group-committed: callers that arrive while one runs share the next. */
class DirectorySync {
  private static readonly dirs = new Map<string, DirectorySync>();
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  private constructor(private readonly dir: string) {}

  static of(dir: string): DirectorySync {
    let sync = DirectorySync.dirs.get(dir);
    if (!sync) DirectorySync.dirs.set(dir, (sync = new DirectorySync(dir)));
    return sync;
  }

  sync(): Promise<void> {
    // A sync already running may have started before our rename: wait for the one after it.
    if (this.running) {
      this.next ??= this.running.then(() => this.start(), () => this.start());
      return this.next;
    }
    return this.start();
  }

  private start(): Promise<void> {
    this.next = null;
    const run = (async () => {
      const handle = await open(this.dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    })();
    this.running = run;
    const clear = () => { if (this.running === run) this.running = null; };
    run.then(clear, clear);
    return run;
  }
}
