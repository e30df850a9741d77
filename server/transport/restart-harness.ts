/**
 * Test support for restart tests: real server processes (child-server.ts) and real sockets to
 * them, every one torn down after each test, so a failed assertion never leaves a process behind.
 */
import type { ChildProcess } from 'node:child_process';
import { io as connect } from 'socket.io-client';
import { afterEach } from 'vitest';
import { startChildServer, stopChild, type ChildServer } from './child-server.ts';
import type { ClientSocket } from './test-support.ts';

export interface RestartHarness {
  /** The server on `dataFile`, listening on `port` once this resolves. */
  start(dataFile: string, port: number): Promise<ChildServer>;
  /** A connected socket; `reconnect`: it reconnects (quickly) after the server comes back. */
  open(port: number, reconnect?: boolean): Promise<ClientSocket>;
  kill9(child: ChildProcess): Promise<void>;
}

/** Call at the top level of a test file: registers the teardown with vitest. */
export function restartHarness(): RestartHarness {
  const children: ChildProcess[] = [];
  const sockets: ClientSocket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  });
  return {
    async start(dataFile, port) {
      const server = await startChildServer(dataFile, port);
      children.push(server.child);
      return server;
    },
    open(port, reconnect = false) {
      const socket: ClientSocket = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true, reconnection: reconnect, reconnectionDelay: 100, reconnectionDelayMax: 300 });
      sockets.push(socket);
      return new Promise((resolve, reject) => { socket.once('connect', () => resolve(socket)); socket.once('connect_error', reject); });
    },
    kill9: (child) => stopChild(child, 'SIGKILL'),
  };
}
