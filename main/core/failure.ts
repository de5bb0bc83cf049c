// A Failure ({ code, message }) carried as an Error, so it can be thrown through the core
// and reach the renderer unchanged; anything else is reported as `internal`.
import { errorCodes } from '../../protocol/contract.js';
import type { Failure, FailureCode } from '../ipc/contract.js';

const failureCodes: readonly string[] = [...errorCodes, 'offline', 'signed_out'] satisfies FailureCode[];

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

export function isFailure(value: unknown): value is Failure {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && failureCodes.includes(code) && typeof message === 'string';
}

/** What the renderer is told about any error; internals are not leaked into the sentence. */
export function toFailure(error: unknown): Failure {
  if (error instanceof FailureError) return { code: error.failure.code, message: error.failure.message };
  if (isFailure(error)) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong inside the app. Please try again.' };
}
