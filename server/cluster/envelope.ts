// Server, cluster: the messages nodes exchange on the cluster channel, parsed like any other
// input from outside this process. One schema per kind; the Envelope type is inferred from it.
import { z } from 'zod';
import { attemptKinds } from '../accounts/attempt-log.js';

/** Far beyond any real node's state (a snapshot of 100,000 views is about 4 MB). */
export const envelopeLimits = { maxChars: 32 * 1024 * 1024, maxEntries: 1_000_000, maxIdChars: 64 } as const;

const nodeId = z.string().min(1).max(envelopeLimits.maxIdChars);
const socketId = z.string().min(1).max(envelopeLimits.maxIdChars);
const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Milliseconds since the epoch on the node that admitted a send. */
const time = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const list = <T extends z.ZodType>(item: T) => z.array(item).max(envelopeLimits.maxEntries);

const sendTuple = z.tuple([userId, time]);
const viewTuple = z.tuple([socketId, userId, userId]);
/** A name key (at most 32 code points, a little longer after NFKC) or a client address. */
const attemptKey = z.string().min(1).max(1024);
const attemptTuple = z.tuple([z.enum(attemptKinds), attemptKey, time]);
const clearTuple = z.tuple([z.enum(attemptKinds), attemptKey]);

const envelope = z.discriminatedUnion('t', [
  z.object({ n: nodeId, t: z.literal('view'), s: socketId, u: userId, p: userId }),
  z.object({ n: nodeId, t: z.literal('unview'), s: socketId }),
  z.object({ n: nodeId, t: z.literal('endAll'), u: userId, p: userId }),
  z.object({ n: nodeId, t: z.literal('online'), u: userId }),
  z.object({ n: nodeId, t: z.literal('offline'), u: userId }),
  z.object({ n: nodeId, t: z.literal('snap'), views: list(viewTuple), online: list(userId) }),
  z.object({ n: nodeId, t: z.literal('sent'), a: list(sendTuple), r: list(sendTuple) }),
  z.object({ n: nodeId, t: z.literal('tries'), a: list(attemptTuple), r: list(attemptTuple), c: list(clearTuple) }),
  z.object({ n: nodeId, t: z.literal('hello') }),
  z.object({ n: nodeId, t: z.literal('bye') }),
]);

export type Envelope = z.infer<typeof envelope>;
export type ViewTuple = z.infer<typeof viewTuple>;

/** The envelope, or why it is not one: a reason fit for a log line (no values from the text). */
export function parseEnvelope(text: string): { envelope: Envelope } | { reason: string } {
  if (text.length > envelopeLimits.maxChars) return { reason: `${text.length} characters long` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'not JSON' };
  }
  const result = envelope.safeParse(value);
  if (result.success) return { envelope: result.data };
  const issue = result.error.issues[0];
  return { reason: `${issue?.path.join('.') || 'the whole message'}: ${issue?.code ?? 'wrong shape'}` };
}
