// Server: password hashing with bounded concurrency. scrypt runs on libuv's small thread pool;
// a flood of logins would queue there without limit and starve every other request, so at most
// `concurrency` hashes run at once, at most `maxWaiting` more wait their turn, and any further
// one is refused at once with `busy` (503) instead of waiting behind a queue it cannot beat.
import { ProtocolError } from '../../protocol/errors.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** What accounts need from password hashing. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export const scryptHasher: PasswordHasher = { hash: hashPassword, verify: verifyPassword };

export interface HashingLimits {
  /** Hashes running at once (default 2: half of libuv's default thread pool). */
  concurrency?: number;
  /** Hashes waiting for a turn; one more is answered `busy` (default 64). */
  maxWaiting?: number;
}

export class HashingQueue implements PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly maxWaiting: number;

  constructor(
    private readonly inner: PasswordHasher = scryptHasher,
    limits: HashingLimits = {},
  ) {
    this.concurrency = limits.concurrency ?? 2;
    this.maxWaiting = limits.maxWaiting ?? 64;
  }

  hash(password: string): Promise<string> {
    return this.run(() => this.inner.hash(password));
  }

  verify(password: string, stored: string): Promise<boolean> {
    return this.run(() => this.inner.verify(password, stored));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw busy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await work();
    } finally {
      // The finished hash's slot goes straight to the next in line, so `running` stays counted.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

function busy(): ProtocolError {
  return new ProtocolError('busy', 'The server is busy signing other people in; try again in a few seconds.');
}
