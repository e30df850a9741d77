/**
 * Cluster bench: the load bench across 1, 2 and 3 nodes on Redis, on this machine. For each node
 * count: a fresh redis-server (AOF, appendfsync always, a free port), N server processes with
 * REDIS_URL, the raw-protocol generators spreading connections over the nodes; then two windows:
 * ticks alone (nobody sends a command), then the usual command load. Redis `INFO commandstats`
 * deltas give Redis operations per tick (first window) and per command (second window, minus the
 * tick rate of the first); every process's CPU is sampled.
 *
 *   npm run bench:cluster -- [--nodes 1,2,3] [--sessions 100] [--responders 20] [--teams 4]
 *                            [--seconds 20] [--speed 60] [--interval 10] [--generators 1]
 *                            [--spread socket|session] [--verbose]
 *
 * --spread socket (default): each connection to the next node, as a load balancer without
 * affinity does, so a session's host and responders sit on different nodes and commands are
 * forwarded to the owner. --spread session: a session's connections all on one node.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, spawnScript, startRedis, stop } from './bench-processes.ts';
import { LoadRun, type LoadResult } from './load-run.ts';
import { percentile } from './load-stats.ts';
import { commandDelta, openCommandStats, totalCalls, totalUsec, type CommandCalls, type RedisCounters } from './redis-commandstats.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const NODES = arg('nodes', '1,2,3').split(',').map(Number);
const VERBOSE = process.argv.includes('--verbose');
const spread: 'socket' | 'session' = arg('spread', 'socket') === 'session' ? 'session' : 'socket';
const load = {
  mode: 'game' as const, spread, sessions: Number(arg('sessions', '100')), responders: Number(arg('responders', '20')), teams: Number(arg('teams', '4')),
  seconds: Number(arg('seconds', '20')), speed: Number(arg('speed', '60')), interval: Number(arg('interval', '10')),
  scenario: arg('scenario', 'cloudflare-2025-11-18'), generators: Number(arg('generators', '1')),
};

interface Measured {
  nodes: number;
  ticksOnly: LoadResult;
  withCommands: LoadResult;
  /** Redis calls during each window. */
  tickCalls: CommandCalls;
  commandCalls: CommandCalls;
  redisCpu: { ticksOnly: number; withCommands: number };
  /** Bytes Redis received and sent in each window. */
  net: { ticksOnly: NetBytes; withCommands: NetBytes };
}

interface NetBytes { in: number; out: number }
const netDelta = (a: RedisCounters, b: RedisCounters): NetBytes => ({ in: b.netInputBytes - a.netInputBytes, out: b.netOutputBytes - a.netOutputBytes });

async function measureCluster(nodeCount: number): Promise<Measured> {
  const redis = await startRedis({ verbose: VERBOSE });
  const nodes = await Promise.all(Array.from({ length: nodeCount }, async (_, i) => {
    const port = await freePort();
    const dataFile = path.join(mkdtempSync(path.join(tmpdir(), 'cluster-bench-')), 'db.json');
    const child = await spawnScript('server/main.ts', {
      env: { PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redis.url, NODE_ID: `bench-${i + 1}`, DATA_FILE: dataFile, NODE_ENV: 'production', TRUST_PROXY: '1' },
      readyText: `127.0.0.1:${port}`, verbose: VERBOSE,
    });
    // A node that dies mid-run is a finding, not noise: say so.
    child.once('exit', (code, signal) => console.error(`node bench-${i + 1} exited (${signal ?? code}) during the ${nodeCount}-node run`));
    return { child, url: `http://127.0.0.1:${port}` };
  }));
  const run = await LoadRun.setup({ ...load, urls: nodes.map((n) => n.url) });
  console.error(`${nodeCount} node(s): ${run.options.sessions * (run.options.responders + 1)} clients seated in ${run.setupSeconds.toFixed(1)} s`);
  const stats = await openCommandStats(redis.url);
  const pids = [...nodes.map((n) => n.child.pid!), redis.child.pid!];
  // Settle after the join burst before the first read, so both Redis windows match the measured ones.
  await new Promise((r) => setTimeout(r, 2000));
  const s0 = await stats.read();
  const ticksOnly = await run.measure(pids, { settleMs: 0, commands: false });
  const s1 = await stats.read();
  const withCommands = await run.measure(pids, { settleMs: 0 });
  const s2 = await stats.read();
  await stats.close();
  await run.close();
  for (const n of nodes) n.child.removeAllListeners('exit');
  await Promise.all(nodes.map((n) => stop(n.child)));
  await redis.close();
  const redisCpu = (r: LoadResult) => r.servers.at(-1)!.cpuPercent;
  return {
    nodes: nodeCount, ticksOnly, withCommands, tickCalls: commandDelta(s0.commands, s1.commands), commandCalls: commandDelta(s1.commands, s2.commands),
    redisCpu: { ticksOnly: redisCpu(ticksOnly), withCommands: redisCpu(withCommands) },
    net: { ticksOnly: netDelta(s0, s1), withCommands: netDelta(s1, s2) },
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
/** The bench's own INFO reads are not the app's traffic. */
const appCalls = (c: CommandCalls): CommandCalls => new Map([...c].filter(([name]) => name !== 'info'));
/** Ticks that happened in a window with no commands: one host delta each (a starved node ticks less than once a second). */
const ticksIn = (r: LoadResult) => r.hostDeltas;

/**
 * What the commands caused: a quantity of the command window minus the same quantity at the tick
 * rate of the ticks-alone window, per command sent. `ticks` and `commands` are the window totals.
 */
function perCommand(m: Measured, ticks: number, commands: number): number {
  return (commands - (ticks / m.ticksOnly.measuredSeconds) * m.withCommands.measuredSeconds) / Math.max(1, m.withCommands.commands);
}
const callsOf = (c: CommandCalls, name?: string) => (name ? c.get(name)?.calls ?? 0 : totalCalls(appCalls(c)));
/** Redis CPU time (µs) in a window, from its CPU percentage. */
const cpuUs = (percent: number, r: LoadResult) => (percent / 100) * r.measuredSeconds * 1e6;

function report(all: Measured[]): void {
  const responders = load.sessions * load.responders;
  console.log(`\nCluster: ${load.sessions} sessions × ${load.responders} responders (${load.teams} teams) + 1 host each = ${responders} responders, speed ${load.speed}×, connections spread per ${spread}, one command per responder every ~${load.interval} s, two ${load.seconds} s windows (ticks alone, then commands). Redis: AOF, appendfsync always.\n`);
  console.log('| nodes | clients | commands acked | refused | timeouts | ack p50 (ms) | ack p99 (ms) | fan-out p50 / p99 (ms) | node CPU (% of a core, each) | nodes CPU per 1,000 responders | Redis CPU (%) | generator CPU (%) | Redis ops/s | Redis ops per tick | Redis ops per command | Redis CPU µs per tick | Redis CPU µs per command | Redis bytes out per tick | Redis bytes in / out per command |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const m of all) {
    const r = m.withCommands;
    const nodeCpu = r.servers.slice(0, -1).map((s) => s.cpuPercent);
    const ops = totalCalls(appCalls(m.commandCalls));
    const opsPerSecond = ops / r.measuredSeconds;
    const ticks = ticksIn(m.ticksOnly);
    const opsPerTick = callsOf(m.tickCalls) / ticks;
    const tickCpu = cpuUs(m.redisCpu.ticksOnly, m.ticksOnly);
    const commandCpu = perCommand(m, tickCpu, cpuUs(m.redisCpu.withCommands, r));
    const bytesPerCommand = `${fmt(perCommand(m, m.net.ticksOnly.in, m.net.withCommands.in), 0)} / ${fmt(perCommand(m, m.net.ticksOnly.out, m.net.withCommands.out), 0)}`;
    console.log(`| ${m.nodes} | ${r.clients} | ${r.acks.length} | ${r.refused} | ${r.timeouts} | ${fmt(percentile(r.acks, 50))} | ${fmt(percentile(r.acks, 99))} | ${fmt(percentile(r.fanout, 50), 0)} / ${fmt(percentile(r.fanout, 99), 0)} | ${nodeCpu.map((c) => fmt(c)).join(' + ')} | ${fmt(nodeCpu.reduce((a, b) => a + b, 0) / (responders / 1000))} | ${fmt(m.redisCpu.withCommands)} | ${fmt(r.generators.reduce((n, g) => n + g.cpuPercent, 0))} | ${fmt(opsPerSecond, 0)} | ${fmt(opsPerTick, 2)} | ${fmt(perCommand(m, callsOf(m.tickCalls), callsOf(m.commandCalls)), 2)} | ${fmt(tickCpu / ticks, 0)} | ${fmt(commandCpu, 0)} | ${fmt(m.net.ticksOnly.out / ticks, 0)} | ${bytesPerCommand} |`);
  }
  const names = [...new Set(all.flatMap((m) => [...appCalls(m.tickCalls).keys(), ...appCalls(m.commandCalls).keys()]))].sort();
  console.log(`\nRedis calls by command (per tick from the ticks-alone window; per command: the excess in the command window; µs/call: Redis's own time):\n`);
  console.log(`| command | ${all.map((m) => `${m.nodes} node(s): per tick · per command · µs/call`).join(' | ')} |`);
  console.log(`|---|${all.map(() => '---').join('|')}|`);
  for (const name of names) {
    const cells = all.map((m) => {
      const c = m.commandCalls.get(name);
      return `${fmt((m.tickCalls.get(name)?.calls ?? 0) / ticksIn(m.ticksOnly), 3)} · ${fmt(perCommand(m, callsOf(m.tickCalls, name), callsOf(m.commandCalls, name)), 3)} · ${fmt(c ? c.usec / c.calls : NaN)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
  for (const m of all) {
    const usec = totalUsec(appCalls(m.commandCalls));
    console.log(`\n${m.nodes} node(s): Redis spent ${fmt(usec / 1000, 0)} ms executing commands in the ${fmt(m.withCommands.measuredSeconds)} s command window; ticks alone: Redis CPU ${fmt(m.redisCpu.ticksOnly)} %, node CPU ${m.ticksOnly.servers.slice(0, -1).map((s) => fmt(s.cpuPercent)).join(' + ')} %.`);
    const reasons = Object.entries(m.withCommands.refusals);
    if (reasons.length) console.log(`${m.nodes} node(s): refusals by reason: ${reasons.map(([k, v]) => `${v}× ${k}`).join('; ')}`);
  }
}

const all: Measured[] = [];
for (const n of NODES) all.push(await measureCluster(n));
report(all);
process.exit(0);
