/**
 * The soak: one node loaded like a training day. The real server in a child process; N responders
 * in M sessions played whole, from start to end, each replaced by a new session as it ends; one
 * command per responder every ~interval seconds. Every minute (--report-seconds) it prints:
 * ack p50/p99, fan-out p99, the server's event-loop lag p99, journal bytes written per command,
 * fsyncs per second and the server's RSS (at the minute's end, and the mean and peak of a reading
 * every 5 s); with --json, one JSON object per line, a summary last.
 *
 *   npm run bench:soak -- --responders 500 --sessions 25 --speed 60 --minutes 30 [--json]
 *                         [--teams 4] [--interval 5] [--scenario cloudflare-2025-11-18]
 *                         [--no-stagger] [--no-history] [--report-seconds 60] [--generators N] [--verbose]
 *                         [--server-node-args "--flag …"] (node/V8 flags for the server process)
 *                         [--server-log FILE] (the server's stdout and stderr, e.g. with --trace-gc)
 *
 * Sessions start staggered (session i of M jumps i/M of the day ahead), so ends are spread over
 * the run as in a day of trainings; --no-stagger starts them all at the scenario's start. A
 * staggered session is played to where it starts, one command per responder per interval of sim
 * time, so its log holds the hours it skipped and minute 1 is already a steady state (setup then
 * takes a few minutes); --no-history jumps bare, as before.
 * Journal figures come from the server's /healthz (its counters; bytes per command = journal
 * bytes written in the window / commands acknowledged in it). DATA_FSYNC=off: no fsync.
 */
import { loadavg } from 'node:os';
import { spawnGenerator, startGameServer, stop } from './bench-processes.ts';
import type { FromGenerator } from './load-generator.ts';
import { request } from './load-run.ts';
import { percentile, rssMb } from './load-stats.ts';
import type { SoakSpec, SoakWindow } from './soak-driver.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const RESPONDERS = Number(arg('responders', '500'));
const SESSIONS = Number(arg('sessions', '25'));
const MINUTES = Number(arg('minutes', '30'));
const REPORT_SECONDS = Number(arg('report-seconds', '60'));
const JSON_OUT = process.argv.includes('--json');
const VERBOSE = process.argv.includes('--verbose');
const GENERATORS = Number(arg('generators', String(Math.max(1, Math.ceil(RESPONDERS / 4000)))));
const spec = {
  responders: Math.floor(RESPONDERS / SESSIONS), teams: Number(arg('teams', '4')), speed: Number(arg('speed', '60')),
  interval: Number(arg('interval', '5')), scenario: arg('scenario', 'cloudflare-2025-11-18'), stagger: !process.argv.includes('--no-stagger'),
  history: !process.argv.includes('--no-history'),
};
if (!(spec.responders >= 1 && SESSIONS >= 1 && MINUTES > 0 && REPORT_SECONDS > 0)) {
  console.error('usage: npm run bench:soak -- --responders N --sessions M --speed S --minutes T [--json] (N ≥ M ≥ 1)');
  process.exit(2);
}

interface Counters { bytesWritten: number; fsyncs: number; entriesAppended: number }
interface Journal extends Counters { resident?: number; compactions?: { count: number; workerHeapMb?: { used: number; total: number } | null } }
interface Health { oldSpaceCompaction?: { requested: number; skippedForPause: number; msPerMb: number } | null; heapMb?: { used: number; total: number; spaces?: Record<string, { used: number; size: number }> }; eventLoopDelayMs?: { p99: number; max: number }; storage?: { writeMs?: { p99: number } | null; journal?: Journal }; overload?: { busy: boolean; refused: number } }

async function healthz(url: string): Promise<Health | null> {
  try {
    return (await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(15_000) })).json()) as Health;
  } catch { return null; }
}

const round = (n: number, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : null);
const fmt = (n: number | null | undefined, unit = '') => (n === null || n === undefined ? '–' : `${n}${unit}`);

function merge(windows: SoakWindow[]): SoakWindow {
  const all: SoakWindow = { commands: 0, acks: [], refused: 0, refusals: {}, timeouts: 0, fanout: [], sessionsStarted: 0, sessionsEnded: 0, seatFailures: {}, bytesToResponders: 0, responders: 0, clients: 0 };
  for (const w of windows) {
    all.commands += w.commands; all.refused += w.refused; all.timeouts += w.timeouts;
    all.sessionsStarted += w.sessionsStarted; all.sessionsEnded += w.sessionsEnded; all.clients += w.clients;
    all.bytesToResponders += w.bytesToResponders; all.responders += w.responders;
    for (const a of w.acks) all.acks.push(a);
    for (const f of w.fanout) all.fanout.push(f);
    for (const [k, v] of Object.entries(w.refusals)) all.refusals[k] = (all.refusals[k] ?? 0) + v;
    for (const [k, v] of Object.entries(w.seatFailures)) all.seatFailures[k] = (all.seatFailures[k] ?? 0) + v;
  }
  return all;
}

const SERVER_NODE_ARGS = arg('server-node-args', '').split(' ').filter(Boolean);
const SERVER_LOG = arg('server-log', '') || undefined;
const server = await startGameServer({ verbose: VERBOSE, nodeArgs: SERVER_NODE_ARGS, logFile: SERVER_LOG });
const generators = Array.from({ length: Math.min(GENERATORS, SESSIONS) }, () => spawnGenerator());
const started = Date.now();
let firstSlot = 0;
await Promise.all(generators.map((g, i) => {
  const slots = Math.floor(SESSIONS / generators.length) + (i < SESSIONS % generators.length ? 1 : 0);
  const soak: SoakSpec = { ...spec, url: server.url, firstSlot, slots, totalSlots: SESSIONS };
  firstSlot += slots;
  return request(g, { type: 'soak', spec: soak });
}));
const setupSeconds = (Date.now() - started) / 1000;
const intro = { responders: spec.responders * SESSIONS, sessions: SESSIONS, perSession: spec.responders, teams: spec.teams, speed: spec.speed, interval: spec.interval, scenario: spec.scenario, stagger: spec.stagger, history: spec.history, minutes: MINUTES, serverNodeArgs: SERVER_NODE_ARGS, setupSeconds: round(setupSeconds), fsync: process.env.DATA_FSYNC !== 'off' };
if (JSON_OUT) console.log(JSON.stringify({ type: 'start', ...intro }));
else console.log(`Soak: ${intro.responders} responders in ${SESSIONS} sessions (${spec.responders} each, ${spec.teams} teams) at ${spec.speed}×, one command per responder every ~${spec.interval} s, ${MINUTES} min${SERVER_NODE_ARGS.length ? `, server node args ${SERVER_NODE_ARGS.join(" ")}` : ""}; seated in ${intro.setupSeconds} s.`);

// What the seating did (the history rounds of a staggered start take a minute or two) stays out of minute 1.
await Promise.all(generators.map((g) => request(g, { type: 'report' })));
await healthz(server.url); // resets the server's loop-delay histogram: each window starts clean
let before = (await healthz(server.url))?.storage?.journal ?? null;
let windowStart = Date.now();
// RSS saw-tooths between full GCs (tens of MB): one reading at the minute's end is one point of
// that; a reading every 5 s gives the minute's mean and peak as well.
const RSS_EVERY_MS = 5_000;
let rssReadings: number[] = [];
const rssTimer = setInterval(() => { const mb = rssMb(server.pid); if (Number.isFinite(mb)) rssReadings.push(mb); }, RSS_EVERY_MS);
const rows: Record<string, unknown>[] = [];
const deadline = started + setupSeconds * 1000 + MINUTES * 60_000;
for (let minute = 1; windowStart < deadline; minute++) {
  await new Promise((r) => setTimeout(r, Math.min(REPORT_SECONDS * 1000, deadline - windowStart)));
  const windows = merge(await Promise.all(generators.map(async (g) => ((await request(g, { type: 'report' })) as Extract<FromGenerator, { type: 'report' }>).window)));
  const health = await healthz(server.url);
  const seconds = (Date.now() - windowStart) / 1000;
  windowStart = Date.now();
  const readings = rssReadings;
  rssReadings = [];
  const journal = health?.storage?.journal ?? null;
  const previous = before;
  const delta = (k: keyof Counters) => (journal && previous ? journal[k] - previous[k] : NaN);
  before = journal ?? before;
  const row = {
    type: 'minute', minute, seconds: round(seconds), clients: windows.clients, sessionsEnded: windows.sessionsEnded, sessionsStarted: windows.sessionsStarted,
    commands: windows.commands, acked: windows.acks.length, refused: windows.refused, timeouts: windows.timeouts,
    ackP50Ms: round(percentile(windows.acks, 50)), ackP99Ms: round(percentile(windows.acks, 99)), fanoutP99Ms: round(percentile(windows.fanout, 99), 0),
    loopLagP99Ms: health?.eventLoopDelayMs?.p99 ?? null, loopLagMaxMs: health?.eventLoopDelayMs?.max ?? null,
    journalBytesPerCommand: round(delta('bytesWritten') / windows.acks.length, 0), journalBytesPerEntry: round(delta('bytesWritten') / delta('entriesAppended'), 0),
    fsyncsPerSecond: round(delta('fsyncs') / seconds), fsyncP99Ms: health?.storage?.writeMs?.p99 ?? null,
    rssMb: round(rssMb(server.pid), 0), rssMeanMb: round(readings.reduce((a, b) => a + b, 0) / readings.length, 0), rssMaxMb: round(Math.max(...readings), 0), heapUsedMb: health?.heapMb?.used ?? null, heapTotalMb: health?.heapMb?.total ?? null, heapSpacesMb: health?.heapMb?.spaces ?? null, workerHeapTotalMb: journal?.compactions?.workerHeapMb?.total ?? null, sessionsInMemory: journal?.resident ?? null, compactions: journal?.compactions?.count ?? null, busy: health?.overload?.busy ?? null, oldSpaceCompaction: health?.oldSpaceCompaction ?? null, bytesPerResponderPerSecond: round(windows.bytesToResponders / Math.max(1, windows.responders) / seconds, 0),
    load1: round(loadavg()[0]!, 2), seatFailures: windows.seatFailures, refusals: windows.refusals,
  };
  rows.push(row);
  if (row.rssMb === null) console.error(`the server (pid ${server.pid}) is gone: its RSS cannot be read; the figures after this minute mean nothing`);
  if (JSON_OUT) console.log(JSON.stringify(row));
  else console.log(`min ${minute}: ack p50 ${fmt(row.ackP50Ms, ' ms')} p99 ${fmt(row.ackP99Ms, ' ms')} (${row.acked} acked, ${row.refused} refused, ${row.timeouts} timeouts) | fan-out p99 ${fmt(row.fanoutP99Ms, ' ms')} | loop lag p99 ${fmt(row.loopLagP99Ms, ' ms')} | journal ${fmt(row.journalBytesPerCommand, ' B/cmd')}, ${fmt(row.fsyncsPerSecond, ' fsync/s')} (p99 ${fmt(row.fsyncP99Ms, ' ms')}) | RSS ${fmt(row.rssMb, ' MB')} (mean ${fmt(row.rssMeanMb)}, max ${fmt(row.rssMaxMb, ' MB')}; heap ${fmt(row.heapUsedMb)}/${fmt(row.heapTotalMb, ' MB')}, worker heap ${fmt(row.workerHeapTotalMb, ' MB')}) | sessions ended ${row.sessionsEnded}, started ${row.sessionsStarted}, in memory ${fmt(row.sessionsInMemory)} | load ${row.load1}${Object.keys(row.seatFailures).length ? ` | seat failures ${JSON.stringify(row.seatFailures)}` : ''}`);
}

clearInterval(rssTimer);
await Promise.all(generators.map((g) => request(g, { type: 'stop' }).catch(() => null)));
await Promise.all(generators.map((g) => stop(g, 2000)));
await server.close();
const ackP99 = rows.map((r) => r.ackP99Ms as number | null);
const rss = rows.map((r) => r.rssMb as number);
const rssMean = rows.map((r) => r.rssMeanMb as number);
const growthFromMinute5 = (mb: number[]) => (mb.length >= 5 ? round((mb.at(-1)! - mb[4]!) / mb[4]! * 100) : null);
// Less noisy than two single minutes: the last five minutes' mean RSS against minutes 5–9's.
const average = (mb: number[]) => mb.reduce((a, b) => a + b, 0) / mb.length;
const lastFiveOverMinutes5To9 = rssMean.length >= 14 ? round((average(rssMean.slice(-5)) - average(rssMean.slice(4, 9))) / average(rssMean.slice(4, 9)) * 100) : null;
const summary = {
  type: 'summary', minutes: rows.length, worstAckP99Ms: Math.max(...ackP99.map((v) => v ?? 0)),
  minutesAckP99Under50: ackP99.filter((v) => v !== null && v < 50).length,
  journalBytesPerCommand: rows.map((r) => r.journalBytesPerCommand), rssMb: rss, rssMeanMb: rssMean,
  rssGrowthFromMinute5: growthFromMinute5(rss), rssMeanGrowthFromMinute5: growthFromMinute5(rssMean),
  rssLastFiveMinutesOverMinutes5To9: lastFiveOverMinutes5To9,
};
if (JSON_OUT) console.log(JSON.stringify(summary));
else console.log(`Summary: ${summary.minutesAckP99Under50}/${summary.minutes} minutes with ack p99 < 50 ms (worst ${summary.worstAckP99Ms} ms); journal B/cmd ${summary.journalBytesPerCommand.join(', ')}; RSS at each minute's end ${rss.join(', ')} MB${summary.rssGrowthFromMinute5 === null ? '' : ` (${summary.rssGrowthFromMinute5}% from minute 5)`}; mean RSS of each minute ${rssMean.join(', ')} MB${summary.rssMeanGrowthFromMinute5 === null ? '' : ` (${summary.rssMeanGrowthFromMinute5}% from minute 5)`}${lastFiveOverMinutes5To9 === null ? '' : `; the last five minutes' mean ${lastFiveOverMinutes5To9}% over minutes 5–9`}.`);
process.exit(0);
