/**
 * What a bench made Redis do: `INFO` read before and after a window: calls per command name
 * (`cmdstat_xadd:calls=1200,usec=5300,…`; commands a Lua script runs are counted too, beside the
 * EVALSHA itself) and the bytes Redis received and sent (`total_net_input_bytes`, `…output…`).
 */
import { createClient } from 'redis';

export type CommandCalls = Map<string, { calls: number; usec: number }>;

export function parseCommandStats(info: string): CommandCalls {
  const stats: CommandCalls = new Map();
  for (const line of info.split(/\r?\n/)) {
    const m = /^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/.exec(line);
    if (m) stats.set(m[1]!, { calls: Number(m[2]), usec: Number(m[3]) });
  }
  return stats;
}

/** after − before, per command, leaving out commands that did not run in between. */
export function commandDelta(before: CommandCalls, after: CommandCalls): CommandCalls {
  const delta: CommandCalls = new Map();
  for (const [name, a] of after) {
    const b = before.get(name) ?? { calls: 0, usec: 0 };
    if (a.calls > b.calls) delta.set(name, { calls: a.calls - b.calls, usec: a.usec - b.usec });
  }
  return delta;
}

export const totalCalls = (stats: CommandCalls): number => [...stats.values()].reduce((n, s) => n + s.calls, 0);
export const totalUsec = (stats: CommandCalls): number => [...stats.values()].reduce((n, s) => n + s.usec, 0);

export interface RedisCounters {
  commands: CommandCalls;
  netInputBytes: number;
  netOutputBytes: number;
}

export function parseCounters(info: string): RedisCounters {
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return { commands: parseCommandStats(info), netInputBytes: field('total_net_input_bytes'), netOutputBytes: field('total_net_output_bytes') };
}

export interface CommandStatsReader {
  read(): Promise<RedisCounters>;
  close(): Promise<void>;
}

/** Reads the counters over a connection of its own (its own INFO calls show up as `info`). */
export async function openCommandStats(url: string): Promise<CommandStatsReader> {
  const client = createClient({ url });
  await client.connect();
  return {
    read: async () => parseCounters(await client.info('all')),
    close: () => client.close(),
  };
}
