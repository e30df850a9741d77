/**
 * One measured load on running server nodes: split the sessions over a few generator processes
 * (load-generator.ts), seat every client, settle, then measure for `seconds` while sampling the
 * CPU of the servers and of the generators themselves. The figures are merged across generators.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnGenerator, stop } from './bench-processes.ts';
import type { FromGenerator, GeneratorResult, GeneratorSpec, ToGenerator } from './load-generator.ts';
import { ProcessSampler } from './load-stats.ts';

export interface LoadOptions extends Omit<GeneratorSpec, 'firstSession'> {
  generators: number;
  seconds: number;
}

export interface ProcessUsage { pid: number; cpuPercent: number; peakRssMb: number }

export interface LoadResult extends Omit<GeneratorResult, 'loopDelayP99Ms'> {
  options: LoadOptions;
  setupSeconds: number;
  /** Wall time of the measured window. */
  measuredSeconds: number;
  servers: ProcessUsage[];
  generators: ProcessUsage[];
  generatorLoopDelayP99Ms: number;
}

/** One message to a generator process and its answer (an error answer rejects). */
export function request(child: ChildProcess, message: ToGenerator): Promise<FromGenerator> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`load generator exited ${code}`));
    child.once('exit', onExit);
    child.once('message', (m: FromGenerator) => {
      child.off('exit', onExit);
      if (m.type === 'error') reject(new Error(`load generator: ${m.message}`));
      else resolve(m);
    });
    child.send(message);
  });
}

export class LoadRun {
  private constructor(readonly options: LoadOptions, private readonly generators: ChildProcess[], readonly setupSeconds: number) {}

  /** Starts the generators and seats every client (sessions are dealt out as evenly as possible). */
  static async setup(options: LoadOptions): Promise<LoadRun> {
    const count = Math.max(1, Math.min(options.generators, options.sessions));
    const generators = Array.from({ length: count }, () => spawnGenerator());
    const started = Date.now();
    let first = 0;
    try {
      await Promise.all(generators.map((g, i) => {
        const sessions = Math.floor(options.sessions / count) + (i < options.sessions % count ? 1 : 0);
        const spec: GeneratorSpec = { ...options, firstSession: first, sessions };
        first += sessions;
        return request(g, { type: 'setup', spec });
      }));
    } catch (err) {
      // A server that cannot seat everyone is a result, not a crash: stop the generators, report it.
      await Promise.all(generators.map((g) => stop(g)));
      throw err;
    }
    return new LoadRun(options, generators, (Date.now() - started) / 1000);
  }

  /**
   * Settles after the join burst, then measures; `serverPids` are the processes whose CPU counts
   * (nodes, Redis). `commands: false`: the ticks alone, nobody sends a command.
   */
  async measure(serverPids: number[], options: { settleMs?: number; commands?: boolean } = {}): Promise<LoadResult> {
    const { settleMs = 2000, commands = true } = options;
    await new Promise((r) => setTimeout(r, settleMs));
    const serverSamplers = serverPids.map((pid) => new ProcessSampler(pid));
    const generatorSamplers = this.generators.map((g) => new ProcessSampler(g.pid!));
    for (const s of [...serverSamplers, ...generatorSamplers]) s.start();
    const started = Date.now();
    const replies = await Promise.all(this.generators.map((g) => request(g, { type: 'measure', seconds: this.options.seconds, commands })));
    const measuredSeconds = (Date.now() - started) / 1000;
    const usage = (samplers: ProcessSampler[], pids: number[]) => samplers.map((s, i) => ({ pid: pids[i]!, ...s.stop() }));
    const servers = usage(serverSamplers, serverPids);
    const generators = usage(generatorSamplers, this.generators.map((g) => g.pid!));
    const results = replies.map((r) => (r as Extract<FromGenerator, { type: 'result' }>).result);
    const refusals: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(r.refusals)) refusals[k] = (refusals[k] ?? 0) + v;
    const sum = (f: (r: GeneratorResult) => number) => results.reduce((n, r) => n + f(r), 0);
    return {
      options: this.options, setupSeconds: this.setupSeconds, measuredSeconds, servers, generators,
      clients: sum((r) => r.clients), commands: sum((r) => r.commands), refused: sum((r) => r.refused), timeouts: sum((r) => r.timeouts),
      acks: results.flatMap((r) => r.acks), fanout: results.flatMap((r) => r.fanout), refusals,
      bytesToResponders: sum((r) => r.bytesToResponders), bytesToHosts: sum((r) => r.bytesToHosts), hostDeltas: sum((r) => r.hostDeltas),
      generatorLoopDelayP99Ms: Math.max(...results.map((r) => r.loopDelayP99Ms)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.generators.map((g) => stop(g, 2000)));
  }
}
