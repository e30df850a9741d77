/** Forwarding between nodes over Redis pub/sub, against a real redis-server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../storage/redis-client.ts';
import { RedisTestServer } from '../storage/redis-test-server.ts';
import { NodeGoneError, NodeRpc, NodeTimeoutError, type NodeRequest } from './node-rpc.ts';

let redis: RedisTestServer;
const clients: Redis[] = [];
const rpcs: NodeRpc[] = [];

async function node(id: string, serve: (r: NodeRequest) => Promise<unknown>): Promise<NodeRpc> {
  const client = await connectRedis(redis.url, { log: () => {} });
  clients.push(client);
  const rpc = await NodeRpc.start(client, id, async (r) => ({ kind: 'result', result: await serve(r) }), () => {});
  rpcs.push(rpc);
  return rpc;
}

beforeAll(async () => { redis = await RedisTestServer.start(); });
afterAll(async () => {
  for (const r of rpcs) await r.close();
  for (const c of clients) await c.quit().catch(() => {});
  await redis.remove();
});

describe('NodeRpc', () => {
  it('delivers a request to the named node only and brings its answer back', async () => {
    const seen: string[] = [];
    const a = await node('a', async (r) => { seen.push(`a:${r.method}`); return null; });
    await node('b', async (r) => { seen.push(`b:${r.method}`); return { echoed: r.args, session: r.sessionId }; });
    const answer = await a.call('b', { sessionId: 's1', method: 'chat', args: ['hello', 2] }, 2000);
    expect(answer).toEqual({ kind: 'result', result: { echoed: ['hello', 2], session: 's1' } });
    expect(seen).toEqual(['b:chat']);
  });

  it('fails at once when the target node is gone, and after the timeout when it does not answer', async () => {
    const a = await node('c', async () => null);
    await node('slow', () => new Promise(() => {}));
    const started = Date.now();
    await expect(a.call('nobody', { sessionId: 's', method: 'chat', args: [] }, 5000)).rejects.toBeInstanceOf(NodeGoneError);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(a.call('slow', { sessionId: 's', method: 'chat', args: [] }, 300)).rejects.toBeInstanceOf(NodeTimeoutError);
  });
});
