// A Failure ({ code, message }) carried as an Error, so it can be thrown through the core
// and reach the renderer unchanged; anything else is reported as `internal`.
import { z } from 'zod';
import { failureCodes, type Failure, type FailureCode } from '../ipc/contract.js';
import { errorBodySchema } from './protocol-schemas.js';

/** The server's error body, with the client's own codes too (offline, signed out). */
export const failureSchema = errorBodySchema.extend({ code: z.enum(failureCodes) }) satisfies z.ZodType<Failure>;

export class FailureError extends Error {
  override readonly name = 'FailureError';

  constructor(
    readonly failure: Failure,
    options?: ErrorOptions,
  ) {
    super(failure.message, options);
  }
}

export function failure(code: FailureCode, message: string, options?: ErrorOptions): FailureError {
  return new FailureError({ code, message }, options);
}

/** The request could not reach the server: nothing was done, and it may be tried again online. */
export function isOffline(error: unknown): boolean {
  return error instanceof FailureError && error.failure.code === 'offline';
}

export function isFailure(value: unknown): value is Failure {
  return failureSchema.safeParse(value).success;
}

/** What the renderer is told about any error; internals are not leaked into the sentence. */
export function toFailure(error: unknown): Failure {
  const known = error instanceof FailureError ? error.failure : isFailure(error) ? error : null;
  if (known) {
    const { code, message, field } = known;
    return field ? { code, message, field } : { code, message };
  }
  return { code: 'internal', message: 'Something went wrong inside the app. Please try again.' };
}
