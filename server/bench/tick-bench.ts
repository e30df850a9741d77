/**
 * `npm run bench:tick`: one whole session played in memory (session-traffic.ts), reported per
 * window of sim time: what each tick costs per team and per responder, early and late in the day,
 * and the bytes and socket writes the server sends per responder per second. Bytes and writes are
 * exact counts (the script has no randomness and no network); tick times are CPU time on this
 * machine, so compare them on a quiet one.
 *
 * Options: --scenario <id> (cloudflare-2025-11-18) --teams 4 --responders 5 (per team) --speed 60
 * --interval 10 (s between a responder's commands) --window 60 (sim minutes) --until HH:MM
 * --no-commands (ticks alone) --json (one JSON object).
 */
import os from 'node:os';
import { parseArgs } from '../cli/parse-args.ts';
import { loadScenarios } from '../scenario-registry/load-scenarios.ts';
import { playSession, type TrafficWindow } from './session-traffic.ts';

const args = parseArgs(process.argv.slice(2), ['scenario', 'teams', 'responders', 'speed', 'interval', 'window', 'until']);
if ('error' in args) {
  process.stderr.write(`${args.error}\n`);
  process.exit(2);
}
const value = (name: string, fallback: number) => Number(args.values.get(name) ?? fallback);
const id = args.values.get('scenario') ?? 'cloudflare-2025-11-18';
const scenario = (await loadScenarios()).scenarios.get(id);
if (!scenario) {
  process.stderr.write(`unknown scenario "${id}"\n`);
  process.exit(2);
}
const teams = value('teams', 4);
const responders = value('responders', 5);
const options = {
  scenario, teams, responders, speed: value('speed', 60), interval: value('interval', 10), windowMinutes: value('window', 60),
  until: args.values.get('until'), commands: !args.flags.has('no-commands'),
};
const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
const windows = await playSession(options);

const total = windows.reduce((sum, w) => ({
  ...sum, seconds: sum.seconds + w.seconds, responderBytes: sum.responderBytes + w.responderBytes, responderWrites: sum.responderWrites + w.responderWrites,
  hostBytes: sum.hostBytes + w.hostBytes, hostWrites: sum.hostWrites + w.hostWrites, commands: sum.commands + w.commands, ticks: sum.ticks + w.ticks, tickMs: sum.tickMs + w.tickMs,
}), { ...windows[0]!, from: 'whole session', seconds: 0, responderBytes: 0, responderWrites: 0, hostBytes: 0, hostWrites: 0, commands: 0, ticks: 0, tickMs: 0 } satisfies TrafficWindow);
const people = teams * responders;
const row = (w: TrafficWindow) => ({
  from: w.from,
  bytesPerResponderPerSecond: Math.round(w.responderBytes / people / w.seconds),
  writesPerResponderPerSecond: Number((w.responderWrites / people / w.seconds).toFixed(2)),
  hostBytesPerSecond: Math.round(w.hostBytes / w.seconds),
  tickMsPerTeam: Number((w.tickMs / Math.max(1, w.ticks) / teams).toFixed(3)),
  tickMsPerResponder: Number((w.tickMs / Math.max(1, w.ticks) / people).toFixed(4)),
  commandsPerSecond: Number((w.commands / w.seconds).toFixed(1)),
});

if (args.flags.has('json')) {
  const { scenario: _s, ...settings } = options;
  process.stdout.write(`${JSON.stringify({ scenario: id, ...settings, load, windows: windows.map(row), whole: row(total), bytesByEvent: total.byEvent })}\n`);
} else {
  process.stdout.write(`tick bench: ${id}, ${teams} teams × ${responders} responders, ${options.speed}×, a command every ~${options.interval} s per responder${options.commands ? '' : ' (none: ticks alone)'}, node ${process.version}, load ${load}\n`);
  process.stdout.write('  sim from   B/responder/s  writes/responder/s  host B/s  tick ms/team  tick ms/responder  commands/s\n');
  for (const r of [...windows.map(row), row(total)]) {
    process.stdout.write(`  ${r.from.padEnd(13)} ${String(r.bytesPerResponderPerSecond).padStart(9)} ${String(r.writesPerResponderPerSecond).padStart(18)} ${String(r.hostBytesPerSecond).padStart(10)} ${r.tickMsPerTeam.toFixed(3).padStart(12)} ${r.tickMsPerResponder.toFixed(4).padStart(17)} ${r.commandsPerSecond.toFixed(1).padStart(11)}\n`);
  }
  const all = Object.values(total.byEvent).reduce((a, b) => a + b, 0);
  process.stdout.write(`  bytes to responders by event: ${Object.entries(total.byEvent).sort((a, b) => b[1] - a[1]).map(([e, b]) => `${e} ${Math.round((100 * b) / all)} %`).join(', ')}\n`);
}
