import type { ErrorBody, ErrorCode } from './contract.js';

/** A failure the client is told about, as `{ code, message }`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message };
  }
}

/** Anything unexpected becomes `internal`, never a stack trace on the wire. */
export function errorBody(error: unknown): ErrorBody {
  if (error instanceof ProtocolError) return error.toBody();
  return { code: 'internal', message: 'Something went wrong on the server; try again.' };
}
