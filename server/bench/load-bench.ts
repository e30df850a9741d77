/**
 * Load bench: real socket.io clients against the real server in a child process, then the same
 * load against a bare socket.io echo server (the ceiling). Loopback only; bounded; stops itself.
 *
 *   npm run bench:load -- [--sessions 100] [--responders 20] [--teams 4] [--seconds 30]
 *                         [--speed 60] [--interval 10] [--scenario cloudflare-2025-11-18] [--only game|echo]
 *
 * Each responder sends a command (action, investigation or chat) every ~interval seconds.
 * Reports action-ack latency, tick fan-out latency (receive − the server's sentAt), server CPU and RSS.
 * DATA_FSYNC=off in the environment: the server skips fsync (to measure what durability costs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as connect, type Socket } from 'socket.io-client';
import { LowdbStore } from '../storage/lowdb-store.ts';
import { ProcessSampler, percentile } from './load-stats.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const SESSIONS = Number(arg('sessions', '100'));
const RESPONDERS = Number(arg('responders', '20'));
const TEAMS = Number(arg('teams', '4'));
const SECONDS = Number(arg('seconds', '30'));
const SPEED = Number(arg('speed', '60'));
const INTERVAL = Number(arg('interval', '10'));
const SCENARIO = arg('scenario', 'cloudflare-2025-11-18');
const ONLY = arg('only', 'both');
const VERBOSE = process.argv.includes('--verbose');
const PROFILE = process.argv.includes('--profile');

type Ack = { ok: boolean; error?: string; [k: string]: unknown };
type AnySocket = Socket;

interface Result {
  name: string;
  clients: number;
  acks: number[];
  refused: number;
  timeouts: number;
  fanout: number[];
  cpuPercent: number;
  peakRssMb: number;
  loopDelayP99Ms: number;
  serverLoopP99Ms: number;
  dataFileKb: number | null;
  refusals: Map<string, number>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

const children = new Set<ChildProcess>();
process.on('exit', () => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); });

async function spawnServer(script: string, env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  // --profile: write a V8 CPU profile of the server (on SIGTERM) to <tmp>/load-bench-profiles/.
  const profile = PROFILE && script === 'server/main.ts' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(tmpdir(), 'load-bench-profiles')}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d.toString(); if (VERBOSE) process.stderr.write(d); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => { out += d.toString(); if (out.includes(readyText)) { clearTimeout(timer); resolve(); } });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${script} exited ${code}: ${err}`)); });
  });
  return child;
}

/** `room`: each simulated session is a training room with its own address (X-Forwarded-For behind TRUST_PROXY=1). */
function open(port: number, room?: number): Promise<AnySocket> {
  const extraHeaders = room === undefined ? undefined : { 'x-forwarded-for': `10.${(room >> 16) & 255}.${(room >> 8) & 255}.${room & 255}` };
  const socket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function emit(socket: AnySocket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack | null> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (err: Error | null, ack: Ack) => resolve(err ? null : ack));
  });
}

async function inBatches<T>(count: number, size: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, k) => fn(i + k)))));
  return out;
}

interface Responder {
  socket: AnySocket;
  command: (n: number) => { event: string; payload: unknown };
}

interface Variant {
  name: string;
  start(): Promise<{ child: ChildProcess; port: number; dataFile: string | null }>;
  setup(port: number, onFanout: (sentAt: number) => void): Promise<{ sockets: AnySocket[]; responders: Responder[] }>;
}

type ParamSpec = { name: string; type: 'enum' | 'number' | 'text'; options?: { value: string }[]; min?: number };
const fillParams = (params: ParamSpec[]) => Object.fromEntries(params.map((p) => [p.name, p.type === 'enum' ? p.options![0]!.value : p.type === 'number' ? p.min ?? 0 : 'bench']));

const gameVariant: Variant = {
  name: 'game server',
  async start() {
    const port = await freePort();
    const dataFile = process.env.BENCH_MEMORY ? ':memory:' : path.join(mkdtempSync(path.join(tmpdir(), 'load-bench-')), 'db.json');
    const child = await spawnServer('server/main.ts', { PORT: String(port), HOST: '127.0.0.1', DATA_FILE: dataFile, NODE_ENV: 'production', TRUST_PROXY: '1', UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? '4' }, `127.0.0.1:${port}`);
    return { child, port, dataFile: dataFile === ':memory:' ? null : dataFile };
  },
  async setup(port, onFanout) {
    const sockets: AnySocket[] = [];
    const responders: Responder[] = [];
    await inBatches(SESSIONS, 10, async (s) => {
      const host = await open(port, s);
      sockets.push(host);
      const created = await emit(host, 'session:create', { scenarioId: SCENARIO, teamCount: TEAMS, speed: SPEED });
      if (!created?.ok) throw new Error(`session:create: ${created?.error ?? 'timeout'}`);
      const attached = await emit(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
      if (!attached?.ok) throw new Error(`host:attach: ${attached?.error}`);
      host.on('host:delta', (deltas: { sentAt?: number }[]) => { if (deltas[0]?.sentAt) onFanout(deltas[0].sentAt); });
      for (let r = 0; r < RESPONDERS; r++) {
        const socket = await open(port, s);
        sockets.push(socket);
        const joined = await emit(socket, 'player:join', { code: created.code, name: `s${s}r${r}`, teamId: `t${(r % TEAMS) + 1}` });
        if (!joined?.ok) throw new Error(`player:join: ${joined?.error}`);
        // What the team may use at the join: its runbook (realistic mode: the generic toolbox).
        const scenario = (joined.snapshot as { world: { runbook: { actions: { id: string; params: ParamSpec[] }[]; investigations: { id: string; params: ParamSpec[] }[] } } }).world.runbook;
        socket.on('team:delta', (delta: { sentAt?: number }) => { if (delta.sentAt) onFanout(delta.sentAt); });
        responders.push({
          socket,
          command: (n) => {
            const clientActionId = `s${s}r${r}n${n}`;
            const roll = (s * 31 + r * 7 + n * 13) % 10;
            if (roll < 5) {
              const a = scenario.actions[(r + n) % scenario.actions.length]!;
              return { event: 'team:act', payload: { clientActionId, action: a.id, params: fillParams(a.params) } };
            }
            if (roll < 8) {
              const inv = scenario.investigations[(r + n) % scenario.investigations.length]!;
              return { event: 'team:investigate', payload: { clientActionId, investigation: inv.id, params: fillParams(inv.params) } };
            }
            return { event: 'team:chat', payload: { clientActionId, text: `checking dashboards (${n})` } };
          },
        });
      }
      const started = await emit(host, 'host:clock', { action: 'start' });
      if (!started?.ok) throw new Error(`start: ${started?.error}`);
    });
    return { sockets, responders };
  },
};

const echoVariant: Variant = {
  name: 'bare socket.io echo',
  async start() {
    const port = await freePort();
    const child = await spawnServer('server/bench/load-echo-server.ts', { PORT: String(port) }, `127.0.0.1:${port}`);
    return { child, port, dataFile: null };
  },
  async setup(port, onFanout) {
    const sockets: AnySocket[] = [];
    const responders: Responder[] = [];
    await inBatches(SESSIONS, 10, async (s) => {
      const host = await open(port);
      sockets.push(host);
      await emit(host, 'join', `s${s}:host`);
      host.on('team:delta', (delta: { sentAt: number }) => onFanout(delta.sentAt));
      for (let r = 0; r < RESPONDERS; r++) {
        const socket = await open(port);
        sockets.push(socket);
        await emit(socket, 'join', `s${s}:t${(r % TEAMS) + 1}`);
        socket.on('team:delta', (delta: { sentAt: number }) => onFanout(delta.sentAt));
        responders.push({ socket, command: (n) => ({ event: 'cmd', payload: { clientActionId: `s${s}r${r}n${n}`, action: 'x', params: {} } }) });
      }
    });
    return { sockets, responders };
  },
};

async function run(variant: Variant): Promise<Result> {
  const { child, port, dataFile } = await variant.start();
  const fanout: number[] = [];
  let measuring = false;
  const setupStart = Date.now();
  const { sockets, responders } = await variant.setup(port, (sentAt) => { if (measuring) fanout.push(Date.now() - sentAt); });
  console.error(`${variant.name}: ${sockets.length} clients connected and seated in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);

  const sampler = new ProcessSampler(child.pid!);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  await new Promise((r) => setTimeout(r, 2000)); // settle after the join burst
  sampler.start();
  loop.enable();
  // Reset the server's event-loop delay histogram so its figure covers the measured window only.
  await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) }).then((r) => r.body?.cancel(), () => undefined);
  measuring = true;
  const acks: number[] = [];
  const refusals = new Map<string, number>();
  let refused = 0;
  let timeouts = 0;
  const inflight = new Set<Promise<void>>();
  const timers: NodeJS.Timeout[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  responders.forEach((responder, index) => {
    let n = 0;
    const next = () => {
      if (Date.now() >= deadline) return;
      const { event, payload } = responder.command(n++);
      const sent = performance.now();
      const p = emit(responder.socket, event, payload, 5000).then((ack) => {
        if (!ack) { timeouts++; return; }
        acks.push(performance.now() - sent);
        if (!ack.ok) {
          refused++;
          const reason = (ack.error ?? '').replace(/"[^"]*"/g, '"…"');
          refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
        }
      });
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      timers.push(setTimeout(next, INTERVAL * 1000 * (0.5 + Math.random())));
    };
    // Spread the first commands over one interval so the load is steady from the start.
    timers.push(setTimeout(next, ((index * 7919) % (INTERVAL * 1000))));
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  await Promise.all(inflight);
  measuring = false;
  for (const t of timers) clearTimeout(t);
  loop.disable();
  const usage = sampler.stop();
  let serverLoopP99Ms = NaN;
  try {
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) })).json()) as { eventLoopDelayMs?: { p99: number }; storage?: { writeMs?: unknown } };
    serverLoopP99Ms = health.eventLoopDelayMs?.p99 ?? NaN;
    console.error(`${variant.name}: server event loop delay ${JSON.stringify(health.eventLoopDelayMs)}, data file writes ${JSON.stringify(health.storage?.writeMs)}`);
  } catch { /* the echo server has no /healthz */ }

  await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); setTimeout(() => child.kill('SIGKILL'), 8000).unref(); });
  for (const s of sockets) s.close();
  let dataFileKb: number | null = null;
  if (dataFile) {
    try {
      const dir = LowdbStore.sessionsDirOf(dataFile);
      dataFileKb = (statSync(dataFile).size + readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0)) / 1024;
    } catch { dataFileKb = null; }
  }
  return {
    name: variant.name, clients: sockets.length, acks, refused, timeouts, fanout, cpuPercent: usage.cpuPercent, peakRssMb: usage.peakRssMb,
    loopDelayP99Ms: loop.percentile(99) / 1e6, serverLoopP99Ms, dataFileKb, refusals,
  };
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');

function report(results: Result[]): void {
  console.log(`\nLoad: ${SESSIONS} sessions × ${RESPONDERS} responders (${TEAMS} teams) + 1 host each, speed ${SPEED}×, scenario ${SCENARIO}, one command per responder every ~${INTERVAL} s, ${SECONDS} s measured.\n`);
  console.log('| server | clients | commands acked | refused by the game | timeouts | ack p50 (ms) | ack p99 (ms) | fan-out msgs | fan-out p50 (ms) | fan-out p99 (ms) | server CPU (% of a core) | server peak RSS (MB) | server loop delay p99 (ms) | bench loop delay p99 (ms) | data (KB) |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.name} | ${r.clients} | ${r.acks.length} | ${r.refused} | ${r.timeouts} | ${fmt(percentile(r.acks, 50))} | ${fmt(percentile(r.acks, 99))} | ${r.fanout.length} | ${fmt(percentile(r.fanout, 50))} | ${fmt(percentile(r.fanout, 99))} | ${fmt(r.cpuPercent)} | ${fmt(r.peakRssMb)} | ${fmt(r.serverLoopP99Ms)} | ${fmt(r.loopDelayP99Ms)} | ${r.dataFileKb === null ? '–' : fmt(r.dataFileKb)} |`);
  }
  for (const r of results) {
    if (r.refusals.size === 0) continue;
    console.log(`\n${r.name}: refusals by reason: ${[...r.refusals].map(([k, v]) => `${v}× ${k}`).join('; ')}`);
  }
}

const variants = ONLY === 'game' ? [gameVariant] : ONLY === 'echo' ? [echoVariant] : [gameVariant, echoVariant];
const results: Result[] = [];
for (const v of variants) results.push(await run(v));
report(results);
process.exit(0);
