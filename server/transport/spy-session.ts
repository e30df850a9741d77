/**
 * Test support: a whole session of a real scenario played over real sockets by a spy responder
 * that records every frame it receives (events and acknowledgements), in arrival order, with two
 * teammates: the reference plan is played by three responders, each command by the one the engine
 * gives it to headless (r1 is the spy), at the time it ran. The server's wall clock and tick timer
 * are driven by the test, so the plan lands on its exact sim times and a six-hour scenario plays
 * in seconds.
 */
import { clock, DEFAULT_RESPONDERS, runPlan, type Command, type Scenario } from '../engine/index.ts';
import type { CreatedSession } from '../protocol/events.ts';
import type { SessionMode } from '../protocol/session-mode.ts';
import type { ScenarioCatalog } from '../scenario-registry/load-scenarios.ts';
import { MemoryStore } from '../storage/memory-store.ts';
import { disguiseOf } from '../disguise/disguise.ts';
import { startServer, type RunningServer } from './create-server.ts';
import { client, nextEvent, ok, OPEN_LIMITS, type ClientSocket } from './test-support.ts';

export interface SpyFrame {
  /** A server event name, or `ack:<event>` for an acknowledgement the spy received. */
  event: string;
  /** The frame as it arrived (JSON-parsed). */
  payload: unknown;
  json: string;
}

export interface SpySession {
  frames: SpyFrame[];
  /** What the host received meanwhile (the truth is there: the forbidden strings are real ones). */
  hostFrames: SpyFrame[];
  /** GET /api/rooms/:code once per sim minute and once after the end (`room` option), as `room` frames. */
  roomFrames: SpyFrame[];
  sessionId: string;
  /** Plan commands the server accepted, from the spy and its teammates. */
  accepted: number;
  /** The server, still listening, when `keepOpen` was asked (the caller closes it). */
  server?: RunningServer;
}

export interface SpyOptions {
  /** Play the session disguised: the spy sends its commands in the disguised ids it was shown. */
  disguise?: boolean;
  /** Also poll the room screen's view. */
  room?: boolean;
  /** Leave the server running (e.g. to read the debrief), for the caller to close. */
  keepOpen?: boolean;
}

/** Sim seconds between two forced ticks when no command is due (one delta per sim minute). */
const TICK_EVERY = 60;

/**
 * Play `scenario`'s reference plan in `mode` as the spy's own team (the spy and two teammates), from
 * the join in the lobby to the debrief link, then resync once more after the end.
 */
export async function playSpySession(catalog: ScenarioCatalog, scenario: Scenario, mode: SessionMode, options: SpyOptions = {}): Promise<SpySession> {
  let wall = Date.UTC(2025, 10, 18, 9);
  const ticks: (() => void)[] = [];
  const server: RunningServer = await startServer({
    catalog, store: new MemoryStore(), host: '127.0.0.1', port: 0, rateLimits: OPEN_LIMITS, now: () => wall,
    timers: { every: (_ms, fn) => { ticks.push(fn); return () => { ticks.splice(ticks.indexOf(fn), 1); }; } },
  });
  const sockets: ClientSocket[] = [];
  let handedOver = false;
  try {
    const open = async () => { const s = await client(server.url); sockets.push(s); return s; };
    const host = await open();
    const hostFrames = recordFrames(host);
    // Speed 1 with a driven wall clock: one sim second is exactly one wall millisecond × 1000.
    const created = await ok<CreatedSession>(host, 'session:create', { scenarioId: scenario.data.id, teamCount: 1, speed: 1, mode, ...(options.disguise ? { disguise: true } : {}) });
    // The ids a disguised team is shown, and sends back.
    const disguise = options.disguise ? disguiseOf(scenario.data) : null;
    const roomFrames: SpyFrame[] = [];
    const pollRoom = async () => {
      if (!options.room) return;
      const res = await fetch(`${server.url}/api/rooms/${created.code}`);
      if (!res.ok) throw new Error(`room view: ${res.status} ${await res.text()}`);
      roomFrames.push(frame('room', await res.json()));
    };
    await ok(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    const spy = await open();
    const frames = recordFrames(spy);
    const spyCall = async (event: string, payload: unknown) => {
      const ack = await ok(spy, event, payload);
      frames.push(frame(`ack:${event}`, ack));
      return ack;
    };
    await spyCall('player:join', { code: created.code, name: 'Spy', teamId: 't1' });
    const hands = new Map<string, ClientSocket>([['r1', spy]]);
    for (let i = 2; i <= DEFAULT_RESPONDERS; i++) {
      const mate = await open();
      await ok(mate, 'player:join', { code: created.code, name: `Mate ${i}`, teamId: 't1' });
      hands.set(`r${i}`, mate);
    }
    await ok(host, 'host:clock', { action: 'start' });
    const start = clock(scenario.data.clock.start);
    const end = clock(scenario.data.clock.end);
    const startWall = wall;
    const moveTo = (t: number) => {
      wall = startWall + (t - start) * 1000;
      for (const tick of [...ticks]) tick();
    };

    // Who does what, and when, as the headless run gives it out (an entry may wait for free hands).
    const commands = runPlan(scenario, scenario.data.defaultSeed, scenario.data.referencePlan, { mode, responders: DEFAULT_RESPONDERS }).played;
    let next = 0;
    let accepted = 0;
    for (let t = start + TICK_EVERY; t < end; t += TICK_EVERY) {
      for (; next < commands.length && commands[next]!.at <= t; next++) {
        const { at, command } = commands[next]!;
        moveTo(at);
        const by = 'by' in command && command.by ? command.by : 'r1';
        const payload = commandPayload(command, `plan-${next}`);
        const sent = disguise ? disguise.mask(payload) : payload;
        if (by === 'r1') await spyCall(commandEvent(command), sent);
        else await ok(hands.get(by)!, commandEvent(command), sent);
        accepted++;
      }
      moveTo(t);
      await pollRoom();
    }
    const ended = nextEvent(spy, 'session:ended', 10_000);
    moveTo(end);
    await ended;
    await spyCall('session:resync', {});
    await pollRoom();
    handedOver = options.keepOpen === true;
    return { frames, hostFrames, roomFrames, sessionId: created.sessionId, accepted, ...(handedOver ? { server } : {}) };
  } finally {
    for (const s of sockets) s.close();
    if (!handedOver) await server.close();
  }
}

function frame(event: string, payload: unknown): SpyFrame {
  const json = JSON.stringify(payload);
  return { event, payload: JSON.parse(json) as unknown, json };
}

function recordFrames(socket: ClientSocket): SpyFrame[] {
  const frames: SpyFrame[] = [];
  socket.onAny((event: string, payload: unknown) => { frames.push(frame(event, payload)); });
  return frames;
}

function commandEvent(command: Command): string {
  return { act: 'team:act', investigate: 'team:investigate', diagnose: 'team:diagnose', cancel: 'team:cancel', inject: 'host:inject' }[command.type];
}

function commandPayload(command: Command, clientActionId: string): object {
  switch (command.type) {
    case 'act': return { clientActionId, action: command.action, params: command.params ?? {} };
    case 'investigate': return { clientActionId, investigation: command.investigation, params: command.params ?? {} };
    case 'diagnose': return {
      clientActionId, trigger: command.trigger, mechanism: command.mechanism, text: command.text ?? '',
      ...(command.component !== undefined ? { component: command.component } : {}),
      ...(command.evidence !== undefined ? { evidence: command.evidence } : {}),
    };
    case 'cancel': case 'inject': throw new Error('a reference plan has no cancels or injects');
  }
}
