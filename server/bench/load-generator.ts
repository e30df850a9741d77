/**
 * One load-generator process (started by load-run.ts over IPC): seats its share of the simulated
 * sessions on raw socket.io connections (raw-socket.ts), then, when told to measure, has every
 * responder send a command every ~interval seconds and records ack latency, fan-out latency
 * (receive − the delta's sentAt) and the bytes the server sent. Several of these run at once so
 * that the generator is not the limit.
 *
 * game: per session a host creates, attaches and starts it, `responders` players join its teams.
 * echo: the same sockets join rooms of load-echo-server.ts (the bare socket.io ceiling).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RawSocket } from './raw-socket.ts';
import { sentAtOf } from './socketio-frames.ts';

export interface GeneratorSpec {
  mode: 'game' | 'echo';
  /** Base URLs of the server nodes; connections are spread over them (see `spread`). */
  urls: string[];
  /** socket: each connection to the next node (a load balancer without affinity); session: a session's connections to one node. */
  spread: 'socket' | 'session';
  /** This generator's sessions are firstSession … firstSession + sessions − 1 of the whole run. */
  firstSession: number;
  sessions: number;
  responders: number;
  teams: number;
  speed: number;
  scenario: string;
  interval: number;
}

export interface GeneratorResult {
  clients: number;
  commands: number;
  acks: number[];
  refused: number;
  refusals: Record<string, number>;
  timeouts: number;
  fanout: number[];
  bytesToResponders: number;
  bytesToHosts: number;
  /** host:delta messages received: with no commands, one per session tick. */
  hostDeltas: number;
  loopDelayP99Ms: number;
}

/** `commands: false` measures the ticks alone (nobody sends anything). */
export type ToGenerator = { type: 'setup'; spec: GeneratorSpec } | { type: 'measure'; seconds: number; commands: boolean };
export type FromGenerator =
  | { type: 'ready'; clients: number }
  | { type: 'result'; result: GeneratorResult }
  | { type: 'error'; message: string };

type Ack = { ok: boolean; error?: string; [k: string]: unknown };
type ParamSpec = { name: string; type: 'enum' | 'number' | 'text'; options?: { value: string }[]; min?: number };
type Runbook = { actions: { id: string; params: ParamSpec[] }[]; investigations: { id: string; params: ParamSpec[] }[] };
interface Responder { socket: RawSocket; command: (n: number) => { event: string; payload: unknown } }

/** Only acks are parsed; deltas are read for their size and sentAt. */
const PARSED = new Set<string>();
const fillParams = (params: ParamSpec[]) => Object.fromEntries(params.map((p) => [p.name, p.type === 'enum' ? p.options![0]!.value : p.type === 'number' ? p.min ?? 0 : 'bench']));

class Generator {
  private readonly hosts: RawSocket[] = [];
  private readonly responders: Responder[] = [];
  private measuring = false;
  private fanout: number[] = [];
  private hostDeltas = 0;
  private nextSocket = 0;

  constructor(private readonly spec: GeneratorSpec) {}

  /**
   * Each simulated session is a training room with its own address (the server trusts
   * X-Forwarded-For). A handshake lost in a join burst on a busy machine is tried again, twice.
   */
  private async open(session: number): Promise<RawSocket> {
    const { urls, spread } = this.spec;
    const url = urls[(spread === 'session' ? session : this.nextSocket++) % urls.length]!;
    const headers = { 'x-forwarded-for': `10.${(session >> 16) & 255}.${(session >> 8) & 255}.${session & 255}` };
    for (let attempt = 1; ; attempt++) {
      try {
        return await RawSocket.connect(url, { headers, parsed: PARSED, connectTimeoutMs: 30_000 });
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
  }

  private onDelta = (_args: unknown, raw: string): void => {
    if (!this.measuring) return;
    const sentAt = sentAtOf(raw);
    if (sentAt !== null) this.fanout.push(Date.now() - sentAt);
  };

  async setup(): Promise<number> {
    const { firstSession, sessions } = this.spec;
    const setupOne = this.spec.mode === 'game' ? (s: number) => this.seatGame(s) : (s: number) => this.seatEcho(s);
    for (let i = 0; i < sessions; i += 10) {
      await Promise.all(Array.from({ length: Math.min(10, sessions - i) }, (_, k) => setupOne(firstSession + i + k)));
    }
    return this.hosts.length + this.responders.length;
  }

  private async seatGame(s: number): Promise<void> {
    const { responders, teams, scenario, speed } = this.spec;
    const host = await this.open(s);
    this.hosts.push(host);
    const created = await call(host, 'session:create', { scenarioId: scenario, teamCount: teams, speed });
    await call(host, 'host:attach', { code: created.code, hostSecret: created.hostSecret });
    host.on('host:delta', (args, raw) => { if (this.measuring) this.hostDeltas++; this.onDelta(args, raw); });
    for (let r = 0; r < responders; r++) {
      const socket = await this.open(s);
      const joined = await call(socket, 'player:join', { code: created.code, name: `s${s}r${r}`, teamId: `t${(r % teams) + 1}` });
      // What the team may use at the join: its runbook (realistic mode: the generic toolbox).
      const runbook = (joined.snapshot as { world: { runbook: Runbook } }).world.runbook;
      socket.on('team:delta', this.onDelta);
      this.responders.push({ socket, command: (n) => gameCommand(runbook, s, r, n) });
    }
    await call(host, 'host:clock', { action: 'start' });
  }

  private async seatEcho(s: number): Promise<void> {
    const { responders, teams } = this.spec;
    const host = await this.open(s);
    this.hosts.push(host);
    await call(host, 'join', `s${s}:host`);
    host.on('team:delta', this.onDelta);
    for (let r = 0; r < responders; r++) {
      const socket = await this.open(s);
      await call(socket, 'join', `s${s}:t${(r % teams) + 1}`);
      socket.on('team:delta', this.onDelta);
      this.responders.push({ socket, command: (n) => ({ event: 'cmd', payload: { clientActionId: `s${s}r${r}n${n}`, action: 'x', params: {} } }) });
    }
  }

  async measure(seconds: number, sendCommands: boolean): Promise<GeneratorResult> {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    for (const s of [...this.hosts, ...this.responders.map((r) => r.socket)]) s.resetCounters();
    loop.enable();
    this.fanout = [];
    this.hostDeltas = 0;
    this.measuring = true;
    const acks: number[] = [];
    const refusals: Record<string, number> = {};
    let commands = 0;
    let refused = 0;
    let timeouts = 0;
    const inflight = new Set<Promise<void>>();
    const timers: NodeJS.Timeout[] = [];
    const intervalMs = this.spec.interval * 1000;
    const deadline = Date.now() + seconds * 1000;
    if (sendCommands) this.responders.forEach((responder, index) => {
      let n = 0;
      const next = () => {
        if (Date.now() >= deadline) return;
        const { event, payload } = responder.command(n++);
        commands++;
        const sent = performance.now();
        const p = responder.socket.emit(event, payload, 5000).then((args) => {
          const ack = args?.[0] as Ack | undefined;
          if (!ack) { timeouts++; return; }
          acks.push(performance.now() - sent);
          if (!ack.ok) {
            refused++;
            const reason = (ack.error ?? '').replace(/"[^"]*"/g, '"…"').replace(/\d+ s\b/, 'N s');
            refusals[reason] = (refusals[reason] ?? 0) + 1;
          }
        });
        inflight.add(p);
        void p.finally(() => inflight.delete(p));
        timers.push(setTimeout(next, intervalMs * (0.5 + Math.random())));
      };
      // Spread the first commands over one interval so the load is steady from the start.
      timers.push(setTimeout(next, (index * 7919) % intervalMs));
    });
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const bytesToResponders = this.responders.reduce((sum, r) => sum + r.socket.bytesIn, 0);
    const bytesToHosts = this.hosts.reduce((sum, h) => sum + h.bytesIn, 0);
    this.measuring = false;
    await Promise.all(inflight);
    for (const t of timers) clearTimeout(t);
    loop.disable();
    return {
      clients: this.hosts.length + this.responders.length, commands, acks, refused, refusals, timeouts, fanout: this.fanout,
      bytesToResponders, bytesToHosts, hostDeltas: this.hostDeltas, loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
  }
}

async function call(socket: RawSocket, event: string, payload: unknown): Promise<Ack> {
  const ack = (await socket.emit(event, payload, 20_000))?.[0] as Ack | undefined;
  if (!ack?.ok) throw new Error(`${event}: ${ack?.error ?? 'no acknowledgement within 20 s'}`);
  return ack;
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

// Run as a child process: obey the parent over IPC.
if (process.send) {
  const send = (m: FromGenerator) => process.send!(m);
  let generator: Generator | null = null;
  process.on('message', (m: ToGenerator) => {
    const work = async (): Promise<FromGenerator> => {
      if (m.type === 'setup') {
        generator = new Generator(m.spec);
        return { type: 'ready', clients: await generator.setup() };
      }
      if (!generator) throw new Error('measure before setup');
      return { type: 'result', result: await generator.measure(m.seconds, m.commands) };
    };
    work().then(send, (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  });
  process.on('disconnect', () => process.exit(0));
}
