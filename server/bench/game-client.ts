/**
 * What a bench client does in a game, on raw sockets (raw-socket.ts): open a connection as one
 * training room (its own X-Forwarded-For address), seat a whole session (host creates, attaches,
 * responders join, host starts, optionally skips ahead), and pick each responder's next command.
 * Shared by the load generator (load-generator.ts) and the soak (soak-driver.ts).
 */
import { fillParams, type BenchParamSpec } from './fill-params.ts';
import { RawSocket } from './raw-socket.ts';

export type Ack = { ok: boolean; error?: string; [k: string]: unknown };
type Runbook = { actions: { id: string; params: BenchParamSpec[] }[]; investigations: { id: string; params: BenchParamSpec[] }[] };
/** The part of the server's ClockState a bench reads (sim seconds). */
type ClockView = { simTime: number; start: number; end: number };
export type NextCommand = (n: number) => { event: string; payload: unknown };
/** `sent`: how many commands it has sent (numbers the next one, so no two share a clientActionId). */
export interface Responder { socket: RawSocket; command: NextCommand; sent: number }

/** A session seated on one node: its host socket and its responders. */
export interface SeatedSession {
  index: number;
  sessionId: string;
  host: RawSocket;
  responders: Responder[];
  /** Sim seconds the scenario runs (end − start). */
  durationSeconds: number;
}

export interface SeatOptions {
  responders: number;
  teams: number;
  scenario: string;
  speed: number;
  /** Jump the session ahead this many sim minutes once started (a session hours into its day). */
  skipMinutes?: number;
  /**
   * Play the skipped minutes as a session that got there would have: every responder sends one
   * command per this many sim minutes skipped, so the log holds that history. Unset: a bare jump.
   */
  historyEveryMinutes?: number;
}

/** Only acks are parsed; deltas are read for their size and sentAt. */
const PARSED = new Set<string>();
/** The server takes a skip of at most 240 sim minutes at a time. */
const MAX_SKIP_MINUTES = 240;
/** A seat may send 2 commands a second once its burst of 10 is spent (rate-limit.ts): a history round takes at least this. */
const HISTORY_ROUND_MS = 550;

/**
 * A connection for simulated session `session`: each is a training room with its own address (the
 * server trusts X-Forwarded-For). A handshake lost in a join burst on a busy machine is tried again, twice.
 */
export async function openSocket(url: string, session: number): Promise<RawSocket> {
  const headers = { 'x-forwarded-for': `10.${(session >> 16) & 255}.${(session >> 8) & 255}.${session & 255}` };
  for (let attempt = 1; ; attempt++) {
    try {
      return await RawSocket.connect(url, { headers, parsed: PARSED, connectTimeoutMs: 30_000 });
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

export async function call(socket: RawSocket, event: string, payload: unknown): Promise<Ack> {
  const ack = (await socket.emit(event, payload, 20_000))?.[0] as Ack | undefined;
  if (!ack?.ok) throw new Error(`${event}: ${ack?.error ?? 'no acknowledgement within 20 s'}`);
  return ack;
}

/** Creates, attaches, seats `responders` in its teams, starts (and skips ahead). `open`: a socket for this session. */
export async function seatGameSession(index: number, options: SeatOptions, open: () => Promise<RawSocket>): Promise<SeatedSession> {
  const { responders, teams, scenario, speed } = options;
  const host = await open();
  const created = await call(host, 'session:create', { scenarioId: scenario, teamCount: teams, speed });
  const attached = await call(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
  const clock = (attached.snapshot as { clock: ClockView }).clock;
  const seated: Responder[] = [];
  for (let r = 0; r < responders; r++) {
    const socket = await open();
    const joined = await call(socket, 'player:join', { code: created.code, name: `s${index}r${r}`, teamId: `t${(r % teams) + 1}` });
    // What the team may use at the join: its runbook (realistic mode: the generic toolbox).
    const runbook = (joined.snapshot as { world: { runbook: Runbook } }).world.runbook;
    seated.push({ socket, command: (n) => gameCommand(runbook, index, r, n), sent: 0 });
  }
  const started = (await call(host, 'host:clock', { action: 'start' })).clock as ClockView;
  const skip = options.skipMinutes ?? 0;
  if (options.historyEveryMinutes) await playHistory(host, seated, started.simTime, clock.start + skip * 60, options.historyEveryMinutes);
  else for (let left = skip; left > 0; left -= MAX_SKIP_MINUTES) await call(host, 'host:clock', { action: 'skip', minutes: Math.min(MAX_SKIP_MINUTES, left) });
  return { index, sessionId: String(created.sessionId), host, responders: seated, durationSeconds: clock.end - clock.start };
}

/**
 * Brings a started session to sim time `until` in rounds: every responder sends one command
 * (refusals are part of a game, as in commandLoop), then the host skips `everyMinutes`. The clock
 * keeps running meanwhile, so the skips are sized from where each one left it.
 */
async function playHistory(host: RawSocket, responders: Responder[], from: number, until: number, everyMinutes: number): Promise<void> {
  for (let simTime = from; simTime < until;) {
    const round = Date.now();
    await Promise.all(responders.map((responder) => {
      const { event, payload } = responder.command(responder.sent++);
      return responder.socket.emit(event, payload, 20_000);
    }));
    const minutes = Math.min(everyMinutes, MAX_SKIP_MINUTES, Math.ceil((until - simTime) / 60));
    simTime = ((await call(host, 'host:clock', { action: 'skip', minutes })).clock as ClockView).simTime;
    const wait = HISTORY_ROUND_MS - (Date.now() - round);
    if (wait > 0 && simTime < until) await new Promise((r) => setTimeout(r, wait));
  }
}

/** What the commands sent in a window got back: ack latencies (ms), refusals by reason, timeouts. */
export interface Tally {
  commands: number;
  acks: number[];
  refused: number;
  refusals: Record<string, number>;
  timeouts: number;
}

export const newTally = (): Tally => ({ commands: 0, acks: [], refused: 0, refusals: {}, timeouts: 0 });

/**
 * Has a responder send a command every ~interval (0.5–1.5×) while `going()`, the first within one
 * interval (spread by `index`, so the load is steady from the start). Each ack is counted in the
 * tally current when it arrives. Returns what stops it; `inflight` holds the commands awaiting an ack.
 */
export function commandLoop(responder: Responder, index: number, intervalMs: number, tally: () => Tally, going: () => boolean, inflight: Set<Promise<void>>): () => void {
  let timer: NodeJS.Timeout | null = null;
  const next = () => {
    if (!going()) return;
    const { event, payload } = responder.command(responder.sent++);
    tally().commands++;
    const sent = performance.now();
    const p = responder.socket.emit(event, payload, 5000).then((args) => {
      const t = tally();
      const ack = args?.[0] as Ack | undefined;
      if (!ack) { t.timeouts++; return; }
      t.acks.push(performance.now() - sent);
      if (!ack.ok) {
        t.refused++;
        const reason = (ack.error ?? '').replace(/"[^"]*"/g, '"…"').replace(/\d+ s\b/, 'N s');
        t.refusals[reason] = (t.refusals[reason] ?? 0) + 1;
      }
    });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    timer = setTimeout(next, intervalMs * (0.5 + Math.random()));
  };
  timer = setTimeout(next, (index * 7919) % intervalMs);
  return () => { if (timer) clearTimeout(timer); };
}

/** Half actions, a third investigations, the rest chat; deterministic per session, responder and count. */
function gameCommand(runbook: Runbook, s: number, r: number, n: number): { event: string; payload: unknown } {
  const clientActionId = `s${s}r${r}n${n}`;
  const roll = (s * 31 + r * 7 + n * 13) % 10;
  if (roll < 5) {
    const a = runbook.actions[(r + n) % runbook.actions.length]!;
    return { event: 'team:act', payload: { clientActionId, action: a.id, params: fillParams(a.params) } };
  }
  if (roll < 8) {
    const inv = runbook.investigations[(r + n) % runbook.investigations.length]!;
    return { event: 'team:investigate', payload: { clientActionId, investigation: inv.id, params: fillParams(inv.params) } };
  }
  return { event: 'team:chat', payload: { clientActionId, text: `checking dashboards (${n})` } };
}
