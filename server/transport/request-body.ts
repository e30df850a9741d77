/**
 * Request bodies: JSON, at most MAX_BODY_BYTES. A body over the limit, declared by its
 * Content-Length or found while reading a chunked one, is answered 413 at once. The connection
 * is closed only after the rest of the body has been read and thrown away (up to a bound), as
 * nginx's lingering close does: closing while the client is still sending makes the client's
 * kernel receive a reset, which discards the 413 it had not read yet, and the client sees
 * `write EPIPE` or "connection reset" instead of the reason.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/** The largest request body any route accepts. */
export const MAX_BODY_BYTES = 16 * 1024;
/** After a 413, at most this much more of the body is read and discarded before the connection is cut. */
export const DISCARD_MAX_BYTES = 16 * 1024 * 1024;
/** …and for at most this long. */
export const DISCARD_MAX_MS = 15_000;

const TOO_LARGE = `the request body is too large (at most ${MAX_BODY_BYTES / 1024} KB)`;

/**
 * Answers 413 now; ends the response (and so the connection) once the request's body has been
 * read to its end, or cuts the connection when the client sends more than the bound or takes
 * too long. `res` must not have been written to.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ error: TOO_LARGE });
  res.shouldKeepAlive = false;
  res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  // The whole answer goes out now; only the end of the response (the close) waits for the body.
  res.write(body);
  let discarded = 0;
  const cut = () => { finish(); req.socket.destroy(); };
  const timer = setTimeout(cut, DISCARD_MAX_MS);
  timer.unref();
  const finish = () => {
    clearTimeout(timer);
    req.off('data', count);
    if (!res.writableEnded) res.end();
  };
  const count = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_MAX_BYTES) cut();
  };
  req.on('data', count);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}

/**
 * On the HTTP server, before anything else: a body declared larger than any route accepts is
 * refused without being parsed (socket.io's long-polling included). True if refused.
 */
export function refuseDeclaredLargeBody(req: IncomingMessage, res: ServerResponse): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!(declared > MAX_BODY_BYTES)) return false;
  refuseTooLarge(req, res);
  return true;
}

/**
 * Express middleware: parses an `application/json` body into `req.body` (anything else is left
 * unread, `req.body` undefined). A chunked body that grows past the limit gets the same 413.
 * Errors are JSON with a reason, like every other answer.
 */
export function jsonBody(): RequestHandler {
  return (req, res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!hasBody || !req.is('application/json')) {
      next();
      return;
    }
    const charset = /;\s*charset=["']?([^;"'\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if ((charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') || (req.headers['content-encoding'] ?? 'identity') !== 'identity') {
      res.status(415).json({ error: 'send the request body as uncompressed UTF-8 JSON' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      stop();
      refuseTooLarge(req, res);
    };
    const onEnd = () => {
      stop();
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      // As express.json's strict mode: an object or an array, never a bare value.
      if (typeof body !== 'object' || body === null) {
        res.status(400).json({ error: 'the request body is not valid JSON' });
        return;
      }
      req.body = body;
      next();
    };
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
    };
    req.on('data', onData);
    req.on('end', onEnd);
  };
}
