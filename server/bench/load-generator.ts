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
import { call, commandLoop, newTally, openSocket, seatGameSession, type Responder } from './game-client.ts';
import type { RawSocket } from './raw-socket.ts';
import { sentAtOf } from './socketio-frames.ts';
import { SoakDriver, type SoakSpec, type SoakWindow } from './soak-driver.ts';

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
  /** Jump each session this many sim minutes ahead once started (measure a session hours into its day). */
  skipMinutes?: number;
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

/**
 * `commands: false` measures the ticks alone (nobody sends anything). The soak (soak-driver.ts)
 * runs whole sessions until stopped and reports a window of figures whenever asked.
 */
export type ToGenerator = { type: 'setup'; spec: GeneratorSpec } | { type: 'measure'; seconds: number; commands: boolean }
  | { type: 'soak'; spec: SoakSpec } | { type: 'report' } | { type: 'stop' };
export type FromGenerator =
  | { type: 'ready'; clients: number }
  | { type: 'result'; result: GeneratorResult }
  | { type: 'report'; window: SoakWindow }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

class Generator {
  private readonly hosts: RawSocket[] = [];
  private readonly responders: Responder[] = [];
  private measuring = false;
  private fanout: number[] = [];
  private hostDeltas = 0;
  private nextSocket = 0;

  constructor(private readonly spec: GeneratorSpec) {}

  /** Connections are spread over the nodes by session (a session's on one node) or one by one. */
  private open(session: number): Promise<RawSocket> {
    const { urls, spread } = this.spec;
    return openSocket(urls[(spread === 'session' ? session : this.nextSocket++) % urls.length]!, session);
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
    const seated = await seatGameSession(s, this.spec, () => this.open(s));
    this.hosts.push(seated.host);
    seated.host.on('host:delta', (args, raw) => { if (this.measuring) this.hostDeltas++; this.onDelta(args, raw); });
    for (const responder of seated.responders) {
      responder.socket.on('team:delta', this.onDelta);
      this.responders.push(responder);
    }
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
      this.responders.push({ socket, command: (n) => ({ event: 'cmd', payload: { clientActionId: `s${s}r${r}n${n}`, action: 'x', params: {} } }), sent: 0 });
    }
  }

  async measure(seconds: number, sendCommands: boolean): Promise<GeneratorResult> {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    for (const s of [...this.hosts, ...this.responders.map((r) => r.socket)]) s.resetCounters();
    loop.enable();
    this.fanout = [];
    this.hostDeltas = 0;
    this.measuring = true;
    const tally = newTally();
    const inflight = new Set<Promise<void>>();
    const deadline = Date.now() + seconds * 1000;
    const stops = sendCommands ? this.responders.map((responder, index) => commandLoop(responder, index, this.spec.interval * 1000, () => tally, () => Date.now() < deadline, inflight)) : [];
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const bytesToResponders = this.responders.reduce((sum, r) => sum + r.socket.bytesIn, 0);
    const bytesToHosts = this.hosts.reduce((sum, h) => sum + h.bytesIn, 0);
    this.measuring = false;
    await Promise.all(inflight);
    for (const stop of stops) stop();
    loop.disable();
    return {
      clients: this.hosts.length + this.responders.length, ...tally, fanout: this.fanout,
      bytesToResponders, bytesToHosts, hostDeltas: this.hostDeltas, loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
  }
}

// Run as a child process: obey the parent over IPC.
if (process.send) {
  const send = (m: FromGenerator) => process.send!(m);
  let generator: Generator | null = null;
  let soak: SoakDriver | null = null;
  process.on('message', (m: ToGenerator) => {
    const work = async (): Promise<FromGenerator> => {
      switch (m.type) {
        case 'setup':
          generator = new Generator(m.spec);
          return { type: 'ready', clients: await generator.setup() };
        case 'measure':
          if (!generator) throw new Error('measure before setup');
          return { type: 'result', result: await generator.measure(m.seconds, m.commands) };
        case 'soak':
          soak = new SoakDriver(m.spec);
          return { type: 'ready', clients: await soak.start() };
        case 'report':
          if (!soak) throw new Error('report before soak');
          return { type: 'report', window: soak.report() };
        case 'stop':
          await soak?.stop();
          return { type: 'stopped' };
      }
    };
    work().then(send, (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
  });
  process.on('disconnect', () => process.exit(0));
}
