/**
 * A few headers instead of a dependency: same-origin scripts and sockets, no framing, no sniffing.
 * Set on the HTTP server itself, before socket.io and express see the request, so every response
 * carries them: pages, API, errors, and socket.io's own (/socket.io/ polling and handshakes).
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "connect-src 'self' ws: wss:", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

/** Runs first on every request (prepended after socket.io has wrapped the listeners). */
export function addSecurityHeaders(http: HttpServer): void {
  http.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  });
}

/** The largest request body any route accepts. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * A body declared larger than any route accepts is answered 413 at once, without reading it (a
 * body parser would wait for the whole body first), and the connection is closed. True if refused.
 */
export function refuseLargeBody(req: IncomingMessage, res: ServerResponse): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!(declared > MAX_BODY_BYTES)) return false;
  res.shouldKeepAlive = false;
  res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
  res.end(JSON.stringify({ error: `the request body is too large (at most ${MAX_BODY_BYTES / 1024} KB)` }));
  return true;
}
