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
