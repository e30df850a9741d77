import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { RawSocket } from './raw-socket.ts';
import { decodeFrame, encodeEvent, sentAtOf } from './socketio-frames.ts';

describe('socket.io frames', () => {
  it('decodes engine.io and socket.io packets, with multi-digit ack ids', () => {
    expect(decodeFrame('0{"sid":"abc","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":65536}'))
      .toEqual({ kind: 'open', sid: 'abc', pingInterval: 25000, pingTimeout: 20000 });
    expect(decodeFrame('2')).toEqual({ kind: 'ping' });
    expect(decodeFrame('40{"sid":"xyz"}')).toEqual({ kind: 'connect', sid: 'xyz' });
    expect(decodeFrame('43312[{"ok":true}]')).toEqual({ kind: 'ack', id: 312, args: [{ ok: true }] });
    expect(decodeFrame('42["team:delta",{"t":30,"sentAt":1700000000123}]')).toEqual({ kind: 'event', name: 'team:delta', id: null, args: [{ t: 30, sentAt: 1700000000123 }] });
    expect(decodeFrame('42["team:delta",{"t":30}]', () => false)).toEqual({ kind: 'event', name: 'team:delta', id: null, args: undefined });
    expect(() => decodeFrame('42/admin,["x"]')).toThrow(/main namespace/);
    expect(() => decodeFrame('451-["x",{"_placeholder":true,"num":0}]')).toThrow(/binary/);
  });

  it('reads sentAt without parsing, and not from inside a string', () => {
    const raw = encodeEvent('team:delta', [{ feed: [{ text: 'said "sentAt":1 in chat' }], sentAt: 1764769000456 }]);
    expect(sentAtOf(raw)).toBe(1764769000456);
    expect(sentAtOf('42["team:delta",{}]')).toBeNull();
  });
});

describe('RawSocket against a real socket.io server', () => {
  let http: HttpServer | null = null;
  let io: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => (io ? io.close(r) : r(undefined)));
    http = null;
    io = null;
  });

  async function start(options: { pingInterval?: number; pingTimeout?: number } = {}): Promise<{ url: string; io: Server }> {
    http = createServer();
    io = new Server(http, { serveClient: false, ...options });
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, io };
  }

  it('handshakes, emits with an ack and receives events', async () => {
    // The default ping interval (25 s): no ping lands among the bytes counted below.
    const server = await start();
    const seen: { headers: string | undefined; payloads: unknown[] } = { headers: undefined, payloads: [] };
    server.io.on('connection', (s) => {
      seen.headers = s.handshake.headers['x-forwarded-for'] as string | undefined;
      s.on('team:act', (payload: unknown, ack: (a: unknown) => void) => { seen.payloads.push(payload); ack({ ok: true, echo: payload }); });
      s.on('ring', () => { s.emit('team:delta', { t: 60, note: 'ünïcode "quoted"', sentAt: 1764769000789 }); });
    });
    const socket = await RawSocket.connect(server.url, { headers: { 'x-forwarded-for': '10.0.0.7' }, parsed: new Set(['plain']) });
    const acks = await Promise.all([1, 2, 3].map((n) => socket.emit('team:act', { clientActionId: `a${n}`, params: { x: [n] } })));
    expect(acks).toEqual([1, 2, 3].map((n) => [{ ok: true, echo: { clientActionId: `a${n}`, params: { x: [n] } } }]));
    expect(seen.headers).toBe('10.0.0.7');

    const delta = new Promise<{ args: unknown; raw: string }>((resolve) => socket.on('team:delta', (args, raw) => resolve({ args, raw })));
    socket.resetCounters();
    void socket.emit('ring', null, 200);
    const got = await delta;
    expect(got.args).toBeUndefined(); // not in `parsed`: left as text
    expect(sentAtOf(got.raw)).toBe(1764769000789);
    expect(JSON.parse(got.raw.slice(2))).toEqual(['team:delta', { t: 60, note: 'ünïcode "quoted"', sentAt: 1764769000789 }]);
    expect(socket.bytesIn).toBe(Buffer.byteLength(got.raw));
    socket.close();
  });

  it('answers pings', async () => {
    const server = await start({ pingInterval: 40, pingTimeout: 200 });
    const socket = await RawSocket.connect(server.url);
    // Several ping intervals later the server still holds the socket: pongs were sent.
    await new Promise((r) => setTimeout(r, 500));
    expect(server.io.of('/').sockets.size).toBe(1);
    socket.close();
  });

  it('resolves null when no ack comes, and when the server is gone', async () => {
    const server = await start();
    server.io.on('connection', (s) => { s.on('never', () => undefined); });
    const socket = await RawSocket.connect(server.url);
    expect(await socket.emit('never', {}, 50)).toBeNull();
    const pending = socket.emit('never', {}, 10_000);
    server.io.disconnectSockets(true);
    expect(await pending).toBeNull();
  });
});
