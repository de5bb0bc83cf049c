// Node runtime. A send (a message or a forward) takes one from the sender's send limit inside
// its transaction, only once it is known to be new: a failed write gives it back, and a refusal
// becomes `rate_limited` with the limit's hint.
import { ProtocolError } from '../../protocol/errors.js';
import type { SendOutcome } from '../store/store.js';
import type { SendLimit } from './send-limit.js';

export type Admit = () => boolean;

export async function admittedSend(
  sendLimit: SendLimit,
  from: number,
  date: number,
  write: (admit: Admit) => Promise<SendOutcome>,
): Promise<Exclude<SendOutcome, { kind: 'refused' }>> {
  let admitted = false;
  let retryAfterMs = 0;
  let outcome: SendOutcome;
  try {
    outcome = await write(() => {
      const admission = sendLimit.take(from, date);
      if (!admission.admitted) retryAfterMs = admission.retryAfterMs;
      return (admitted = admission.admitted);
    });
  } catch (error) {
    if (admitted) sendLimit.refund(from);
    throw error;
  }
  if (outcome.kind === 'refused') throw ProtocolError.rateLimited(retryAfterMs);
  return outcome;
}
