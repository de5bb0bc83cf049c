// Node runtime. One typed document in one JSON file, read through lowdb's JSONFile and written
// durably (storage/durable-write.ts): a crash or a power cut leaves the old or the new file,
// never half of one, and the file is its owner's only. A file that cannot be trusted is set
// aside, said so in the log, and the fallback used.
import { rename, rm, stat } from 'node:fs/promises';
import { JSONFile } from 'lowdb/node';
import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { issueForLog } from '../protocol-schemas.js';
import { writeFileDurably } from './durable-write.js';

/** What the log says about a document: what kind of file it is (never what it holds). */
export interface DocLog {
  /** In the user's words: "settings", "outbox", "chat page"… */
  kind: string;
  logger: Logger;
}

export interface JsonDoc<T> {
  /** The current value; replace it through update(), never by changing it in place. */
  readonly data: T;
  /**
   * True when the file was there but unreadable, not JSON, or not the schema (another
   * version included): it was renamed to `<file>.corrupt` and the fallback used instead.
   */
  readonly discarded: boolean;
  /**
   * Sets the value now and resolves once it is on disk. Writes run one at a time; updates
   * made while one is running share the next write, which holds the latest value.
   */
  update(change: T | ((current: T) => T)): Promise<void>;
  /** Deletes the file (after any write already asked for) and goes back to the fallback. */
  remove(): Promise<void>;
}

/**
 * Reads the document in `file`. `salvage`, given the JSON of a file that is not the schema,
 * may return what of it can still be trusted: that is kept (and written back at once) instead
 * of the fallback, and the file is still set aside.
 */
export async function openJsonDoc<T>(
  file: string,
  schema: z.ZodType<T>,
  fallback: () => T,
  log: DocLog,
  salvage?: (value: unknown) => T | null,
): Promise<JsonDoc<T>> {
  const stored = await readStored(file);
  if (stored.kind === 'missing') return new FileDoc(file, fallback(), false, fallback);
  let why = stored.kind === 'unreadable' ? stored.why : '';
  let salvaged: T | null = null;
  if (stored.kind === 'read') {
    const parsed = schema.safeParse(stored.value);
    if (parsed.success) return new FileDoc(file, parsed.data, false, fallback);
    why = `not the expected shape at ${issueForLog(parsed.error)}`;
    salvaged = salvage?.(stored.value) ?? null;
  }
  // The reason, never the parser's message: V8 quotes the text it failed on, and a chat's
  // file holds messages.
  const then = salvaged === null ? 'starting afresh' : 'keeping what could be read';
  log.logger.warn(`the ${log.kind} file ${file} is bad (${why}): set aside as .corrupt, ${then}`);
  await setAside(file, log);
  const doc = new FileDoc(file, salvaged ?? fallback(), true, fallback);
  if (salvaged !== null) await doc.update(salvaged);
  return doc;
}

/**
 * A document that starts from the fallback without reading the file: whatever is there (left
 * by an interrupted run, say) is not trusted and is replaced by the first update.
 */
export function freshJsonDoc<T>(file: string, fallback: () => T): JsonDoc<T> {
  return new FileDoc(file, fallback(), false, fallback);
}

type Stored = { kind: 'missing' } | { kind: 'unreadable'; why: string } | { kind: 'read'; value: unknown };

async function readStored(file: string): Promise<Stored> {
  try {
    const value = await new JSONFile<unknown>(file).read();
    // JSONFile answers null both for a missing file and for a file holding `null`.
    if (value === null && !(await exists(file))) return { kind: 'missing' };
    return { kind: 'read', value };
  } catch (error) {
    return { kind: 'unreadable', why: unreadableWhy(error) };
  }
}

/** An fs error's code, or "not JSON": nothing of the file's text. */
function unreadableWhy(error: unknown): string {
  if (error instanceof SyntaxError) return 'not JSON';
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code.slice(0, 20) : 'unreadable';
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    // Whatever stat says (ENOENT, EACCES), JSONFile found nothing there to read.
    return false;
  }
}

/** Keeps one bad copy beside the file for diagnosis; deletes it when even that fails. */
async function setAside(file: string, log: DocLog): Promise<void> {
  try {
    await rm(`${file}.corrupt`, { recursive: true, force: true });
    await rename(file, `${file}.corrupt`);
  } catch (error) {
    log.logger.caught(`setting the ${log.kind} file aside`, error);
    await rm(file, { recursive: true, force: true }).catch((error: unknown) =>
      log.logger.caught(`deleting the bad ${log.kind} file`, error),
    );
  }
}

class FileDoc<T> implements JsonDoc<T> {
  readonly #file: string;
  readonly #fallback: () => T;
  #data: T;
  /** The write asked for but not started yet: later updates join it. */
  #queued: Promise<void> | null = null;
  /** The end of the chain of writes and removals; never rejects. */
  #tail: Promise<void> = Promise.resolve();

  constructor(
    file: string,
    data: T,
    readonly discarded: boolean,
    fallback: () => T,
  ) {
    this.#file = file;
    this.#data = data;
    this.#fallback = fallback;
  }

  get data(): T {
    return this.#data;
  }

  async update(change: T | ((current: T) => T)): Promise<void> {
    this.#data = typeof change === 'function' ? (change as (current: T) => T)(this.#data) : change;
    return this.#persist();
  }

  async remove(): Promise<void> {
    this.#data = this.#fallback();
    this.#queued = null;
    return this.#enqueue(() => rm(this.#file, { force: true }));
  }

  #persist(): Promise<void> {
    if (this.#queued) return this.#queued;
    const queued = this.#enqueue(async () => {
      // Started: a newer update needs a write of its own, even if this one fails.
      if (this.#queued === queued) this.#queued = null;
      // Compact, not lowdb's pretty-printed JSON: a long chat rewrites about half the bytes.
      await writeFileDurably(this.#file, JSON.stringify(this.#data));
    });
    this.#queued = queued;
    return queued;
  }

  #enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.#tail.then(step);
    // The caller gets the failure from `run`; the chain only needs to go on after it.
    this.#tail = run.then(noop, noop);
    return run;
  }
}

function noop(): void {}
