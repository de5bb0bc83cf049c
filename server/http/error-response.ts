// An HTTP failure is always `{ "error": { code, message } }` with the status of its code, on a
// response or, for a refused WebSocket upgrade, written straight to the connection.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../../protocol/contract.js';
import { errorBody, ProtocolError } from '../../protocol/errors.js';

export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  busy: 503,
};

/** A failure answered with its own HTTP status rather than its code's (411, 408, 416). */
export class StatusError extends ProtocolError {
  constructor(
    readonly status: number,
    code: ErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

export const nowhere = () => new ProtocolError('not_found', 'There is nothing at this address.');

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Answers an upgrade request with `status` and the error body instead of switching protocols, then closes. */
export function refuseUpgrade(socket: Duplex, status: number, error: unknown): void {
  const text = JSON.stringify({ error: errorBody(error) });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'connection: close',
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(text)}`,
  ];
  // The connection is ours now, not the HTTP server's: end it once the answer is out.
  socket.end(`${head.join('\r\n')}\r\n\r\n${text}`, () => socket.destroy());
}
