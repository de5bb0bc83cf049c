// A failure's `field` (the server's ErrorBody.field) survives the core on its way to the window.
import { describe, expect, it } from 'vitest';
import { unexpected } from '../../../main/core/account/http-call.js';
import { FailureError, toFailure } from '../../../main/core/failure.js';

describe('a failure with a field', () => {
  it('keeps the field from the server’s HTTP answer to the renderer’s Failure', () => {
    const error = unexpected({
      ok: false,
      status: 409,
      body: { error: { code: 'conflict', message: 'Taken.', field: 'name' } },
    });
    expect(toFailure(error)).toEqual({ code: 'conflict', message: 'Taken.', field: 'name' });
  });

  it('adds no field when the server named none, and drops one it does not know', () => {
    expect(toFailure(new FailureError({ code: 'unauthorized', message: 'No.' }))).toEqual({
      code: 'unauthorized',
      message: 'No.',
    });
    const odd = unexpected({
      ok: false,
      status: 400,
      body: { error: { code: 'bad_request', message: 'Bad.', field: 'shoe size' } },
    });
    expect(toFailure(odd)).toEqual({ code: 'bad_request', message: 'Bad.' });
  });
});
