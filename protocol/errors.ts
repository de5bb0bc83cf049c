// The wire contract's failures: what the server throws and the `{ code, message }` it answers.
import type { ErrorBody, ErrorCode } from './contract.js';

/** Which field the user typed a failure is about (see ErrorBody). */
export type ErrorField = NonNullable<ErrorBody['field']>;

/** A failure the client is told about, as `{ code, message }`. */
export class ProtocolError extends Error {
  /** Only when the fault is that field's. */
  readonly field?: ErrorField;

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Only for `rate_limited` (see ErrorBody). */
    readonly retryAfterMs?: number,
    options: { field?: ErrorField } = {},
  ) {
    super(message);
    this.name = 'ProtocolError';
    if (options.field !== undefined) this.field = options.field;
  }

  /** A failure whose fault is the `field` the user typed: the form shows it beside that field. */
  static about(field: ErrorField, code: ErrorCode, message: string): ProtocolError {
    return new ProtocolError(code, message, undefined, { field });
  }

  /** The send limit refused; a send would be admitted again in `retryAfterMs`. */
  static rateLimited(retryAfterMs: number): ProtocolError {
    const seconds = Math.ceil(retryAfterMs / 1000);
    return new ProtocolError('rate_limited', `You are sending too fast; try again in ${seconds} s.`, retryAfterMs);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message };
    if (this.retryAfterMs !== undefined) body.retryAfterMs = this.retryAfterMs;
    if (this.field !== undefined) body.field = this.field;
    return body;
  }
}

/** Anything unexpected becomes `internal`, never a stack trace on the wire. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof ProtocolError) return error.toBody();
  return { code: 'internal', message: 'Something went wrong on the server; try again.' };
}
