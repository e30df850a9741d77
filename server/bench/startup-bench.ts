/**
 * `npm run bench:startup`: how long a server takes from spawn to listening, with the real
 * scenarios, with and without remembered model checks (scenario-registry/check-cache.ts). Each
 * start is a fresh process (`tsx server/main.ts`, DATA_FILE=:memory:, a free port); prints the
 * median and each run. `--runs N` (5).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from '../cli/parse-args.ts';
import { freePort } from '../transport/child-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const args = parseArgs(process.argv.slice(2), ['runs']);
if ('error' in args) {
  process.stderr.write(`${args.error}\n`);
  process.exit(2);
}
const runs = Number(args.values.get('runs') ?? 5);

/** Milliseconds from spawn until the server prints the URL it listens on. */
async function startOnce(cache: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_FILE: ':memory:', SCENARIO_CHECK_CACHE: cache, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes(`http://127.0.0.1:${port}`)) resolve(performance.now() - started);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code} before listening`)));
    });
  } finally {
    await new Promise<void>((r) => { child.once('exit', () => r()); child.kill('SIGKILL'); });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'startup-bench-'));
try {
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  process.stdout.write(`startup bench: ${runs} starts each, real scenarios, node ${process.version}, load ${load}\n`);
  const off: number[] = [];
  for (let i = 0; i < runs; i++) off.push(await startOnce('off'));
  await startOnce(cacheDir); // fills the cache
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await startOnce(cacheDir));
  const show = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;
  process.stdout.write(`  model checks run every start (SCENARIO_CHECK_CACHE=off): ${show(off)}\n`);
  process.stdout.write(`  model checks remembered:                                 ${show(warm)}\n`);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
