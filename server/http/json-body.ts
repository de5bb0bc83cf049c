// Reads an HTTP request body as JSON, refusing one over 16 KiB before or while reading it.
import type { IncomingMessage } from 'node:http';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';
import { realTimers, type Timers } from '../timers.js';
import { StatusError } from './error-response.js';

/**
 * The longest a JSON body may take to arrive. The server has no overall request timeout (uploads
 * may take long, app.ts), so a body sent a byte at a time is cut here.
 */
export const jsonBodyTimeoutMs = 60_000;

/** Reads a JSON body of at most 16 KiB; an empty body reads as `undefined`. */
export function readJsonBody(req: IncomingMessage, timers: Timers = realTimers): Promise<unknown> {
  const reading = new Promise<unknown>((resolve, reject) => {
    const tooLarge = () =>
      new ProtocolError('too_large', `A request body can be at most ${limits.maxHttpBodyBytes} bytes.`);
    if (Number(req.headers['content-length'] ?? 0) > limits.maxHttpBodyBytes) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limits.maxHttpBodyBytes) {
        done = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!done) reject(error);
      done = true;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new ProtocolError('bad_request', 'The request body is not valid JSON.'));
      }
    });
  });
  return new Promise((resolve, reject) => {
    const timer = timers.setTimeout(() => {
      reject(
        new StatusError(408, 'bad_request', `The request body did not arrive within ${jsonBodyTimeoutMs / 1000} s.`),
      );
    }, jsonBodyTimeoutMs);
    reading.then(
      (body) => {
        timers.clearTimeout(timer);
        resolve(body);
      },
      (error: Error) => {
        timers.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
