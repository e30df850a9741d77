/**
 * Oversized bodies over a real socket: the client reads its 413 even when it goes on sending its
 * body (as a script posting a large form does), whether the size was declared or found while
 * reading a chunked body; past the bound the server stops reading.
 */
import { connect as tcp, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './create-server.ts';
import { DISCARD_MAX_BYTES } from './request-body.ts';
import { startToyServer } from './test-support.ts';

let server: RunningServer;
beforeAll(async () => { server = await startToyServer(); });
afterAll(async () => { await server.close(); });

const TOO_LARGE = '{"error":"the request body is too large (at most 16 KB)"}';
const CHUNK = Buffer.alloc(64 * 1024, 'a');

interface Exchange {
  socket: Socket;
  /** Everything the server sent so far. */
  answer: () => string;
  /** Resolves once the server's answer contains `text`. */
  received: (text: string) => Promise<void>;
  /** Resolves when the connection is gone, with the socket error if there was one. */
  closed: Promise<{ error: NodeJS.ErrnoException | null; endedBeforeWeFinished: boolean }>;
  /** Writes `bytes` of body in 64 KB chunks, honouring back-pressure. */
  send: (bytes: number, frame?: (chunk: Buffer) => Buffer) => Promise<void>;
  finish: (last?: string) => void;
}

function open(head: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const socket = tcp(server.port, '127.0.0.1');
    let answer = '';
    let finished = false;
    let ended = false;
    let error: NodeJS.ErrnoException | null = null;
    const waiters: { text: string; resolve: () => void }[] = [];
    socket.on('data', (d) => {
      answer += d.toString();
      for (const w of waiters.filter((x) => answer.includes(x.text))) w.resolve();
    });
    let endedEarly = false;
    socket.on('end', () => { ended = true; endedEarly = !finished; });
    socket.on('error', (err) => { error = err; });
    const closed = new Promise<{ error: NodeJS.ErrnoException | null; endedBeforeWeFinished: boolean }>((done) => {
      socket.on('close', () => done({ error, endedBeforeWeFinished: endedEarly }));
    });
    const send = async (bytes: number, frame: (chunk: Buffer) => Buffer = (c) => c) => {
      for (let sent = 0; sent < bytes && !socket.destroyed && !ended; sent += CHUNK.length) {
        const chunk = CHUNK.subarray(0, Math.min(CHUNK.length, bytes - sent));
        if (!socket.write(frame(chunk))) await new Promise<void>((r) => { socket.once('drain', r); socket.once('close', r); });
      }
    };
    socket.once('connect', () => {
      socket.write(`${head}\r\n\r\n`);
      resolve({
        socket, answer: () => answer, closed, send,
        received: (text) => new Promise<void>((r) => { if (answer.includes(text)) r(); else waiters.push({ text, resolve: r }); }),
        finish: (last) => { finished = true; if (last === undefined) socket.end(); else socket.end(last); },
      });
    });
    socket.once('error', reject);
  });
}

describe('oversized request bodies', () => {
  it('a client that reads the 413, then goes on sending its declared body, finishes without a reset', async () => {
    const size = 4 * 1024 * 1024;
    const x = await open(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}`);
    await x.send(64 * 1024);
    await x.received(TOO_LARGE);
    expect(x.answer()).toMatch(/^HTTP\/1\.1 413 /);
    await x.send(size - 64 * 1024);
    x.finish();
    const { error, endedBeforeWeFinished } = await x.closed;
    expect(error?.code ?? null).toBeNull();
    expect(endedBeforeWeFinished).toBe(false);
  });

  it('a client that sends its whole body before it reads (as scripts do) gets the 413, not a reset', async () => {
    const size = 8 * 1024 * 1024;
    const x = await open(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}`);
    x.socket.pause();
    await x.send(size);
    x.finish();
    x.socket.resume();
    const { error } = await x.closed;
    expect(error?.code ?? null).toBeNull();
    expect(x.answer()).toMatch(/^HTTP\/1\.1 413 /);
    expect(x.answer()).toContain(TOO_LARGE);
    expect(x.answer()).toMatch(/content-security-policy: default-src 'self'/i);
  });

  it('a chunked body that grows past the limit gets the same 413, and the connection closes cleanly', async () => {
    const x = await open('POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked');
    const frame = (chunk: Buffer) => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    await x.send(1024 * 1024, frame);
    x.finish('0\r\n\r\n');
    const { error } = await x.closed;
    expect(error?.code ?? null).toBeNull();
    expect(x.answer()).toMatch(/^HTTP\/1\.1 413 /);
    expect(x.answer()).toContain(TOO_LARGE);
  });

  it('stops reading a refused body past its bound: the connection is cut', async () => {
    const size = DISCARD_MAX_BYTES + 4 * 1024 * 1024;
    const x = await open(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}`);
    await x.received(TOO_LARGE);
    await x.send(size);
    const { error, endedBeforeWeFinished } = await x.closed;
    expect(error !== null || endedBeforeWeFinished).toBe(true);
  });

  it('still parses JSON bodies within the limit, sent with a length or chunked', async () => {
    const body = JSON.stringify({ scenarioId: 'toy-config-push', teamCount: 1, speed: 1 });
    for (const head of [`Content-Length: ${Buffer.byteLength(body)}`, 'Transfer-Encoding: chunked']) {
      const x = await open(`POST /api/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n${head}`);
      x.finish(head.startsWith('Content') ? body : `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
      await x.closed;
      expect(x.answer(), head).toMatch(/^HTTP\/1\.1 201 /);
    }
  });
});
