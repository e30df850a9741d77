/**
 * The processes a bench starts: server nodes, load generators, a throwaway redis-server. All on
 * loopback, on free ports; every child is killed when the bench exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../transport/child-server.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');

const children = new Set<ChildProcess>();
process.on('exit', () => { for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL'); });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => { console.error(`bench: stopped by ${signal}`); process.exit(130); });

export { freePort };

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Resolve once stdout has printed this. */
  readyText: string;
  nodeArgs?: string[];
  verbose?: boolean;
  /** Append the child's stdout and stderr to this file (e.g. a server's --trace-gc lines). */
  logFile?: string;
}

/** A TypeScript entry point (run with tsx) as a child process, resolved once it says it is ready. */
export async function spawnScript(script: string, options: SpawnOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track(child, script, options);
}

/** Starts a program, resolved once its stdout says `readyText`. */
function track(child: ChildProcess, name: string, options: SpawnOptions): Promise<ChildProcess> {
  children.add(child);
  let out = '';
  let err = '';
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
  if (log) child.stderr!.on('data', (d: Buffer) => log.write(d));
  // Keep the tail of stderr: it is what explains a child that dies mid-run.
  child.stderr!.on('data', (d: Buffer) => { err = (err + d.toString()).slice(-4000); if (options.verbose) process.stderr.write(d); });
  child.once('exit', (code, signal) => { if (code !== 0 && code !== null && err) console.error(`${name} (pid ${child.pid}) exited ${code ?? signal}; its last stderr:\n${err.slice(-1500)}`); });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 90 s: ${err || out}`)), 90_000);
    const onOut = (d: Buffer) => {
      out += d.toString();
      if (out.includes(options.readyText)) {
        clearTimeout(timer); child.stdout!.off('data', onOut);
        if (log) { log.write(out); child.stdout!.pipe(log); } else child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onOut);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited ${code}: ${err || out}`)); });
  });
}

/** A load generator (load-generator.ts) with an IPC channel. */
export function spawnGenerator(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/bench/load-generator.ts'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  return child;
}

export function stop(child: ChildProcess, graceMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
  });
}

export interface BenchServer { pid: number; url: string; close: () => Promise<void> }

/**
 * The real server (server/main.ts) on a free loopback port, on a data file in a new temp dir
 * (BENCH_MEMORY=1: no storage). It trusts X-Forwarded-For, so each simulated room has its own
 * address for limits and caps. `nodeArgs`: e.g. a CPU profile.
 */
export async function startGameServer(options: { nodeArgs?: string[]; verbose?: boolean; env?: Record<string, string>; logFile?: string } = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataFile = process.env.BENCH_MEMORY ? ':memory:' : path.join(mkdtempSync(path.join(tmpdir(), 'load-bench-')), 'db.json');
  const child = await spawnScript('server/main.ts', {
    env: { PORT: String(port), HOST: '127.0.0.1', DATA_FILE: dataFile, NODE_ENV: 'production', TRUST_PROXY: '1', ...options.env },
    readyText: `127.0.0.1:${port}`, nodeArgs: options.nodeArgs, verbose: options.verbose, logFile: options.logFile,
  });
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, close: () => stop(child) };
}

export interface BenchRedis {
  url: string;
  port: number;
  child: ChildProcess;
  close(): Promise<void>;
}

/** A redis-server of its own (never 6379) with the durability cluster mode runs with: AOF, fsync on every write. */
export async function startRedis(options: { verbose?: boolean } = {}): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await track(child, 'redis-server', { readyText: 'Ready to accept connections', verbose: options.verbose });
  return {
    url: `redis://127.0.0.1:${port}`, port, child,
    async close() { await stop(child); rmSync(dir, { recursive: true, force: true }); },
  };
}
