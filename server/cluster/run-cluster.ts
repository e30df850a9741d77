/**
 * `npm run cluster`: a whole cluster on this machine, to try cluster mode or fail nodes by hand.
 *   - a redis-server (AOF, appendfsync always) in a temporary directory, on REDIS_PORT or a free port
 *   - three nodes (server/main.ts with REDIS_URL), on the three ports after the front's
 *   - a front (http-proxy) on PORT (default 3000) that spreads new clients across the nodes and keeps
 *     each on its node with a cookie (what the polling fallback needs), WebSocket upgrades included;
 *     when a node is down, its clients are sent to the next one.
 * Prints the URLs; Ctrl-C stops everything. Kill a node (its pid is printed) to watch a failover.
 * Env: PORT (3000), HOST (0.0.0.0: the front; nodes listen on 127.0.0.1), REDIS_PORT, NODES (3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import httpProxy from 'http-proxy';
import { freePort, RedisTestServer } from '../storage/redis-test-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const COOKIE = 'tabletop-node';
const frontPort = Number(process.env.PORT ?? 3000);
const frontHost = process.env.HOST ?? '0.0.0.0';
const nodeCount = Number(process.env.NODES ?? 3);

interface Node { id: string; port: number; child: ChildProcess; up: boolean }

async function portOrFree(preferred: number): Promise<number> {
  const probe = createServer();
  const free = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  return free ? preferred : freePort();
}

function startNode(id: string, port: number, redisUrl: string): Promise<Node> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redisUrl, NODE_ID: id, TRUST_PROXY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const node: Node = { id, port, child, up: false };
  const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${id}] ${l}`).join('\n');
  child.stderr!.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  child.once('exit', (code, signal) => { node.up = false; console.error(`[${id}] exited (${signal ?? code})`); });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!node.up && out.includes(`http://127.0.0.1:${port}`)) { node.up = true; resolve(node); }
    });
    child.once('exit', () => reject(new Error(`node ${id} did not start`)));
  });
}

const nodes: Node[] = [];
let next = 0;
/** The client's node (its cookie), or the next live one in turn. */
function pick(req: IncomingMessage): Node | undefined {
  const wanted = /(?:^|;\s*)tabletop-node=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  const sticky = nodes.find((n) => n.id === wanted && n.up);
  if (sticky) return sticky;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[next++ % nodes.length]!;
    if (node.up) return node;
  }
  return undefined;
}

const proxy = httpProxy.createProxyServer({ xfwd: true, ws: true });
proxy.on('error', (err, _req, res) => {
  // A node that just died: its clients reconnect and are sent to another one.
  if (res && 'writeHead' in res && !res.headersSent) {
    res.writeHead(502, { 'content-type': 'application/json', 'set-cookie': `${COOKIE}=; Path=/; Max-Age=0` });
    res.end(JSON.stringify({ error: `node unreachable (${err.message}); try again` }));
  } else if (res && 'destroy' in res) {
    res.destroy();
  }
});

const front = createServer((req: IncomingMessage, res: ServerResponse) => {
  const node = pick(req);
  if (!node) {
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'no node is up; try again' }));
    return;
  }
  res.setHeader('set-cookie', `${COOKIE}=${node.id}; Path=/; HttpOnly; SameSite=Lax`);
  proxy.web(req, res, { target: `http://127.0.0.1:${node.port}` });
});
front.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
  const node = pick(req);
  if (!node) { socket.destroy(); return; }
  proxy.ws(req, socket, head, { target: `http://127.0.0.1:${node.port}` });
});
// Listen first: a port in use stops here, before Redis and the nodes are started.
await new Promise<void>((resolve) => {
  front.once('error', (err) => { console.error(`cannot listen on ${frontHost}:${frontPort}: ${err.message} (set PORT)`); process.exit(1); });
  front.listen(frontPort, frontHost, resolve);
});

const redis = await RedisTestServer.start({ port: process.env.REDIS_PORT ? Number(process.env.REDIS_PORT) : undefined });
try {
  for (let i = 1; i <= nodeCount; i++) nodes.push(await startNode(`node-${i}`, await portOrFree(frontPort + i), redis.url));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  await stopAll(1);
}

const shown = frontHost === '0.0.0.0' || frontHost === '::' ? 'localhost' : frontHost;
console.log(`Incident Tabletop cluster: ${nodes.length} nodes behind a front, sessions in Redis`);
console.log(`  open        http://${shown}:${frontPort}`);
for (const n of nodes) console.log(`  ${n.id.padEnd(11)} http://127.0.0.1:${n.port}  (pid ${n.child.pid}; /healthz shows what it owns)`);
console.log(`  redis       ${redis.url}  (data in ${redis.dir}, AOF appendfsync always)`);
console.log('Ctrl-C stops everything. Kill a node (kill -9 <pid>) to watch another take its sessions over.');

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    front.close();
    proxy.close();
    await Promise.all(nodes.map((n) => new Promise<void>((resolve) => {
      if (n.child.exitCode !== null || n.child.signalCode !== null) { resolve(); return; }
      n.child.once('exit', () => resolve());
      n.child.kill('SIGTERM');
    })));
    await redis.remove();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
