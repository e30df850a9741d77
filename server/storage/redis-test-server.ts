/**
 * A real redis-server for tests and local scripts: its own free port on 127.0.0.1, its own
 * temporary directory, AOF on (appendfsync always unless told otherwise), no RDB snapshots.
 * It can be stopped and started again on the same port and directory, which is how tests
 * take Redis away for a while and bring it back with its data (the AOF).
 *
 * As a script (`tsx server/storage/redis-test-server.ts`) it starts one, prints its URL and
 * runs until SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RedisTestServerOptions {
  /** Default 'always': every acknowledged write is on disk. */
  appendfsync?: 'always' | 'everysec' | 'no';
  /** Default: a free port picked by the kernel. */
  port?: number;
  /** Default: a new temporary directory, removed by remove(). */
  dir?: string;
  /** Path to the binary (default: redis-server on PATH, e.g. /usr/bin/redis-server). */
  binary?: string;
}

/** A free TCP port on 127.0.0.1 (redis-server cannot be given port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const READY_TIMEOUT_MS = 10_000;

export class RedisTestServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly ownsDir: boolean,
    private readonly appendfsync: string,
    private readonly binary: string,
  ) {}

  /** Start a fresh server and wait until it accepts connections. */
  static async start(options: RedisTestServerOptions = {}): Promise<RedisTestServer> {
    const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), 'redis-test-')));
    const port = options.port ?? (await freePort());
    const server = new RedisTestServer(port, dir, options.dir === undefined, options.appendfsync ?? 'always', options.binary ?? 'redis-server');
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Start it again (same port, same directory: the AOF is replayed). No-op while running. */
  async restart(): Promise<void> {
    if (this.child) return;
    const args = [
      '--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir,
      '--save', '', '--appendonly', 'yes', '--appendfsync', this.appendfsync,
      '--protected-mode', 'no', '--daemonize', 'no', '--loglevel', 'notice',
    ];
    const child = spawn(this.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`redis-server on port ${this.port} not ready after ${READY_TIMEOUT_MS} ms:\n${output}`)), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume(); // keep draining so a full pipe never blocks the server
          resolve();
        }
      };
      const fail = (err: Error) => {
        clearTimeout(timer);
        if (this.child === child) this.child = null;
        child.kill('SIGKILL');
        reject(err);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
      child.once('error', (err) => fail(new Error(`cannot start redis-server: ${err.message}`)));
      child.once('exit', (code, signal) => {
        if (this.child === child) this.child = null;
        fail(new Error(`redis-server exited (${signal ?? code}) before it was ready:\n${output}`));
      });
    });
  }

  /** Stop it (SIGTERM: a clean shutdown; SIGKILL: a crash) and wait for the process to exit. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Stop it and delete its directory (when it made one). */
  async remove(): Promise<void> {
    await this.stop('SIGKILL');
    if (this.ownsDir) await rm(this.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await RedisTestServer.start({ port: process.env.REDIS_PORT ? Number(process.env.REDIS_PORT) : undefined });
  console.log(`redis-server ${server.url} (dir ${server.dir}, AOF appendfsync always)`);
  const shutdown = () => { void server.remove().then(() => process.exit(0)); };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
