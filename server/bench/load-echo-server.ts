/**
 * The ceiling for the load bench: a bare socket.io server on the same port setup, with no game.
 * 'join' puts a socket in a room; 'cmd' is acknowledged at once; every second each room gets a
 * payload shaped like a tick's delta (stamped with sentAt): samples as rows `[t, v1, v2, …]` in
 * signal order, as the game sends them (server/protocol/sample-rows.ts), so the ceiling stays fair.
 * Env: PORT, SIGNALS (values per sample).
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 3999);
const signals = Number(process.env.SIGNALS ?? 21);
// Answers plain HTTP too (404), so a probe from the bench never hangs.
const http = createServer((_req, res) => { res.writeHead(404).end(); });
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, serveClient: false });
const rooms = new Set<string>();

io.on('connection', (socket) => {
  socket.on('join', (room: unknown, ack: unknown) => {
    if (typeof room === 'string') { void socket.join(room); rooms.add(room); }
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('cmd', (_payload: unknown, ack: unknown) => {
    if (typeof ack === 'function') ack({ ok: true, entry: 1, seq: 1, duplicate: false });
  });
});

let t = 0;
setInterval(() => {
  t += 60;
  const sentAt = Date.now();
  const values = Array.from({ length: signals }, () => Math.round(Math.random() * 1e4) / 1e4);
  const samples = [[t - 30, ...values], [t, ...values]];
  for (const room of rooms) {
    io.to(room).emit('team:delta', { teamId: room, t, ended: false, samples, feed: [], sentAt });
  }
}, 1000);

http.listen(port, '127.0.0.1', () => console.log(`echo listening on http://127.0.0.1:${port}`));
process.on('SIGTERM', () => { void io.close(() => process.exit(0)); });
