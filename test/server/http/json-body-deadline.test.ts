// A JSON body must arrive within 60 s (server/http/json-body.ts): the server has no overall
// request timeout any more (long uploads), so a body sent a byte at a time is cut here.
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonBodyTimeoutMs, readJsonBody } from '../../../server/http/json-body.js';
import { StatusError } from '../../../server/http/error-response.js';
import { ManualTimers } from '../../support/manual-timers.js';

function slowRequest(): PassThrough & IncomingMessage {
  return Object.assign(new PassThrough(), { headers: {} }) as unknown as PassThrough & IncomingMessage;
}

describe('JSON body deadline', () => {
  it('answers 408 to a body still arriving after 60 s, however steadily it drips', async () => {
    const timers = new ManualTimers();
    const req = slowRequest();
    const reading = readJsonBody(req, timers);
    for (let i = 0; i < 59; i++) {
      req.write(' ');
      timers.advance(1000);
    }
    timers.advance(jsonBodyTimeoutMs - 59_000 - 1);
    req.write('{');
    timers.advance(1);
    const error = await reading.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(StatusError);
    expect(error).toMatchObject({ status: 408, code: 'bad_request' });
  });

  it('reads a body that arrives in time', async () => {
    const timers = new ManualTimers();
    const req = slowRequest();
    const reading = readJsonBody(req, timers);
    req.end('{"a":1}');
    expect(await reading).toEqual({ a: 1 });
    expect(timers.waiting).toBe(0);
  });
});
