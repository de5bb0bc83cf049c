// Node runtime. A send (a message or a forward) takes one from the sender's send limit inside
// its transaction, once it is known to be new (or, on PostgreSQL's batch path, before it is known
// to be a repeat): a failed write or a repeat gives it back, and a refusal becomes `rate_limited`
// with the limit's hint.
import { ProtocolError } from '../../protocol/errors.js';
import type { SendOutcome } from '../store/store.js';
import type { SendLimit } from './send-limit.js';

export type Admit = () => boolean;

/** Not async: its frame would otherwise stay suspended for as long as the write waits for its commit. */
export function admittedSend(
  sendLimit: SendLimit,
  from: number,
  date: number,
  write: (admit: Admit) => Promise<SendOutcome>,
): Promise<Exclude<SendOutcome, { kind: 'refused' }>> {
  let admitted = false;
  let retryAfterMs = 0;
  const admit = () => {
    const admission = sendLimit.take(from, date);
    if (!admission.admitted) retryAfterMs = admission.retryAfterMs;
    return (admitted = admission.admitted);
  };
  // The stores' writes reject, never throw: admit is called in their transaction, later.
  return write(admit).then(
    (outcome) => {
      if (outcome.kind === 'refused') throw ProtocolError.rateLimited(retryAfterMs);
      if (outcome.kind === 'duplicate' && admitted) sendLimit.refund(from);
      return outcome;
    },
    (error: unknown) => {
      if (admitted) sendLimit.refund(from);
      throw error;
    },
  );
}
