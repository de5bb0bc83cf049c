// Reads an HTTP request body as JSON, refusing one over 16 KiB before or while reading it.
import type { IncomingMessage } from 'node:http';
import { ProtocolError } from '../../protocol/errors.js';
import { limits } from '../../protocol/limits.js';

/** Reads a JSON body of at most 16 KiB; an empty body reads as `undefined`. */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
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
}
