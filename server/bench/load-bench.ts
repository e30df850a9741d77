/**
 * Load bench of one node: the real server in a child process, then the same load against a bare
 * socket.io echo server (the ceiling). Clients are raw socket.io connections (raw-socket.ts) in a
 * few generator processes, so the generator is not the limit; its own CPU is reported.
 * Loopback only; bounded; stops itself.
 *
 *   npm run bench:load -- [--steps 1000,2000,4000,8000] [--sessions 100] [--responders 20] [--teams 4]
 *                         [--seconds 30] [--speed 60] [--interval 10] [--generators N]
 *                         [--scenario cloudflare-2025-11-18] [--only game|echo] [--ages 0,5] [--verbose] [--profile]
 *
 * Without --steps: one step of sessions × responders (2,000 responders). --steps gives the capacity
 * curve: each step is a number of responders, seated 20 (--responders) to a session.
 * Each responder sends a command (action, investigation or chat) every ~interval seconds.
 * --ages: the game server is measured once per age, in sim hours into the scenario's day: 0 is a
 * fresh session, 5 (the default adds it) jumps every session 5 sim hours ahead after its start, so
 * costs that grow with a session's length (its log, markers over the day, its worlds) show.
 * Reports ack latency, tick fan-out latency (receive − the server's sentAt), server CPU (and per
 * 1,000 responders), bytes the server sent per responder per second, RSS, generator CPU.
 * DATA_FSYNC=off: the server skips fsync; BENCH_MEMORY=1: no storage at all.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, spawnScript, startGameServer, stop, type BenchServer } from './bench-processes.ts';
import { LoadRun, type LoadOptions, type LoadResult } from './load-run.ts';
import { percentile } from './load-stats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const RESPONDERS = Number(arg('responders', '20'));
const STEPS = arg('steps', String(Number(arg('sessions', '100')) * RESPONDERS)).split(',').map(Number);
const ONLY = arg('only', 'both');
const VERBOSE = process.argv.includes('--verbose');
const PROFILE = process.argv.includes('--profile');
const GENERATORS = arg('generators', '');
const AGES = arg('ages', '0,5').split(',').map(Number);
const base = {
  responders: RESPONDERS, teams: Number(arg('teams', '4')), seconds: Number(arg('seconds', '30')), speed: Number(arg('speed', '60')),
  interval: Number(arg('interval', '10')), scenario: arg('scenario', 'cloudflare-2025-11-18'),
};

interface Row { name: string; result: LoadResult; serverLoopP99Ms: number | null }
/** A step whose clients could not all be seated (e.g. joins not acknowledged in time): no figures. */
interface FailedStep { name: string; responders: number; failed: string }

function startServer(): Promise<BenchServer> {
  // --profile: a V8 CPU profile of the server (written on SIGTERM) in <tmp>/load-bench-profiles/.
  const nodeArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(tmpdir(), 'load-bench-profiles')}`] : [];
  return startGameServer({ nodeArgs, verbose: VERBOSE });
}

async function startEchoServer(): Promise<{ pid: number; url: string; close: () => Promise<void> }> {
  const port = await freePort();
  const child = await spawnScript('server/bench/load-echo-server.ts', { env: { PORT: String(port) }, readyText: `127.0.0.1:${port}`, verbose: VERBOSE });
  return { pid: child.pid!, url: `http://127.0.0.1:${port}`, close: () => stop(child) };
}

/** The server's own event-loop delay over the window (its /healthz resets the histogram when read). */
async function healthz(url: string): Promise<{ eventLoopDelayMs?: { p99: number }; storage?: { writeMs?: unknown } } | null> {
  try {
    return (await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(15_000) })).json()) as { eventLoopDelayMs?: { p99: number } };
  } catch { return null; }
}

async function runStep(mode: 'game' | 'echo', responders: number, ageHours = 0): Promise<Row | FailedStep> {
  const server = mode === 'game' ? await startServer() : await startEchoServer();
  const sessions = Math.ceil(responders / RESPONDERS);
  const generators = GENERATORS ? Number(GENERATORS) : Math.ceil(responders / 4000);
  const options: LoadOptions = { ...base, mode, urls: [server.url], spread: 'session', sessions, generators, skipMinutes: Math.round(ageHours * 60) };
  const name = mode === 'echo' ? 'bare socket.io echo' : ageHours > 0 ? `game server, ${ageHours} h into the day` : 'game server, fresh';
  let load: LoadRun;
  try {
    load = await LoadRun.setup(options);
  } catch (err) {
    await server.close();
    return { name, responders, failed: err instanceof Error ? err.message : String(err) };
  }
  console.error(`${name}, ${responders} responders: ${sessions * (RESPONDERS + 1)} clients seated in ${load.setupSeconds.toFixed(1)} s by ${generators} generator(s)`);
  await healthz(server.url);
  const result = await load.measure([server.pid]);
  const health = mode === 'game' ? await healthz(server.url) : null;
  if (health) console.error(`${name}: server event loop delay ${JSON.stringify(health.eventLoopDelayMs)}, durable writes (journal: write + fdatasync) ${JSON.stringify(health.storage?.writeMs)}`);
  await load.close();
  await server.close();
  return { name, result, serverLoopP99Ms: health?.eventLoopDelayMs?.p99 ?? null };
}

const fmt = (n: number | null, digits = 1) => (n !== null && Number.isFinite(n) ? n.toFixed(digits) : '–');

function header(): void {
  console.log(`\nLoad: ${RESPONDERS} responders (${base.teams} teams) + 1 host per session, speed ${base.speed}×, scenario ${base.scenario}, one command per responder every ~${base.interval} s, ${base.seconds} s measured.\n`);
  console.log('| responders | server | clients | commands acked | refused | timeouts | ack p50 (ms) | ack p99 (ms) | fan-out msgs | fan-out p50 (ms) | fan-out p99 (ms) | server CPU (% of a core) | CPU per 1,000 responders | B/responder/s (server → responders) | peak RSS (MB) | server loop p99 (ms) | generators: CPU (% of a core, total) | generator loop p99 (ms) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
}

/** One row as soon as its step is measured, so a long curve shows its figures as it goes. */
function reportRow({ name, result: r, serverLoopP99Ms }: Row): void {
  const responders = r.options.sessions * r.options.responders;
  const server = r.servers[0]!;
  const generatorCpu = r.generators.reduce((n, g) => n + g.cpuPercent, 0);
  console.log(`| ${responders} | ${name} | ${r.clients} | ${r.acks.length} | ${r.refused} | ${r.timeouts} | ${fmt(percentile(r.acks, 50))} | ${fmt(percentile(r.acks, 99))} | ${r.fanout.length} | ${fmt(percentile(r.fanout, 50), 0)} | ${fmt(percentile(r.fanout, 99), 0)} | ${fmt(server.cpuPercent)} | ${fmt(server.cpuPercent / (responders / 1000))} | ${fmt(r.bytesToResponders / responders / r.options.seconds, 0)} | ${fmt(server.peakRssMb, 0)} | ${fmt(serverLoopP99Ms)} | ${fmt(generatorCpu)} (${r.generators.length}) | ${fmt(r.generatorLoopDelayP99Ms)} |`);
}

function reportRefusals(rows: Row[]): void {
  for (const { name, result: r } of rows) {
    const reasons = Object.entries(r.refusals);
    if (reasons.length) console.log(`\n${name}, ${r.options.sessions * r.options.responders} responders: refusals by reason: ${reasons.map(([k, v]) => `${v}× ${k}`).join('; ')}`);
  }
}

const modes: ('game' | 'echo')[] = ONLY === 'game' ? ['game'] : ONLY === 'echo' ? ['echo'] : ['game', 'echo'];
const rows: Row[] = [];
header();
for (const step of STEPS) {
  const runs = modes.flatMap((mode): { mode: 'game' | 'echo'; age: number }[] => (mode === 'game' ? AGES.map((age) => ({ mode, age })) : [{ mode, age: 0 }]));
  for (const { mode, age } of runs) {
    const row = await runStep(mode, step, age);
    if ('failed' in row) {
      console.log(`| ${row.responders} | ${row.name} | not seated: ${row.failed} | | | | | | | | | | | | | | | |`);
      continue;
    }
    rows.push(row);
    reportRow(row);
  }
}
reportRefusals(rows);
process.exit(0);
