import { describe, expect, it } from 'vitest';
import { commandDelta, parseCounters, totalCalls } from './redis-commandstats.ts';

const info = (xadd: number, evalsha: number, out: number) => [
  '# Stats',
  'total_connections_received:12',
  `total_net_input_bytes:${1000 + out}`,
  `total_net_output_bytes:${out}`,
  '',
  '# Commandstats',
  `cmdstat_xadd:calls=${xadd},usec=${xadd * 9},usec_per_call=9.00,rejected_calls=0,failed_calls=0`,
  `cmdstat_evalsha:calls=${evalsha},usec=${evalsha * 40},usec_per_call=40.00,rejected_calls=0,failed_calls=0`,
  'cmdstat_pubsub|numsub:calls=3,usec=3,usec_per_call=1.00,rejected_calls=0,failed_calls=0',
].join('\r\n');

describe('Redis INFO counters', () => {
  it('reads calls per command (subcommands included) and the network byte totals', () => {
    const c = parseCounters(info(10, 4, 5000));
    expect(c.commands.get('xadd')).toEqual({ calls: 10, usec: 90 });
    expect(c.commands.get('pubsub|numsub')).toEqual({ calls: 3, usec: 3 });
    expect(c.netOutputBytes).toBe(5000);
    expect(c.netInputBytes).toBe(6000);
  });

  it('gives the calls made between two reads, leaving out the commands that did not run', () => {
    const delta = commandDelta(parseCounters(info(10, 4, 0)).commands, parseCounters(info(25, 4, 0)).commands);
    expect([...delta]).toEqual([['xadd', { calls: 15, usec: 135 }]]);
    expect(totalCalls(delta)).toBe(15);
  });
});
