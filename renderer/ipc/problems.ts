// Browser runtime. The renderer cannot write files: what it catches and cannot explain goes to
// main through reportProblem, and main writes it to the app's log as a warn line.
import { problemReportLimits } from '../../main/ipc/contract.js';
import { messenger } from './api.js';

/**
 * Sends an error's name, message and stack (cut to what main accepts) to the log. A thrown
 * value that is not an Error is sent only as its type: it could be anything the user typed.
 */
export function reportProblem(context: string, error: unknown): void {
  const described =
    error instanceof Error
      ? { message: `${error.name}: ${error.message}`, stack: error.stack }
      : { message: `thrown ${error === null ? 'null' : typeof error}` };
  try {
    void messenger()
      .reportProblem({
        context: context.slice(0, problemReportLimits.contextMax),
        message: described.message.slice(0, problemReportLimits.messageMax),
        ...(described.stack ? { stack: described.stack.slice(0, problemReportLimits.stackMax) } : {}),
      })
      // Nowhere left to report to: a report about a failed report would go round in circles.
      .catch(() => undefined);
  } catch {
    // Not connected yet (start-up, tests): same reason, and this runs inside error handlers.
  }
}

/**
 * For the catch of a window.messenger call that carries on: a failure main answered (it has a
 * `code`: offline, signed out…) was logged there if it was unexpected; anything else is the
 * renderer's own bug, and is reported.
 */
export function reportUnlessAnswered(context: string, error: unknown): void {
  if (!answeredByMain(error)) reportProblem(context, error);
}

function answeredByMain(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/** Reports what nothing caught: thrown in a handler, or a promise nobody awaited. */
export function watchUncaughtErrors(target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener('error', (event: ErrorEvent) => reportProblem('uncaught error', event.error));
  target.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) =>
    reportProblem('unhandled rejection', event.reason),
  );
}
