// Server: the limits on guessing passwords and making accounts (docs/protocol.md §7, *Sign-in
// limits*). Every attempt is counted the moment it starts, synchronously, so a burst of parallel
// guesses cannot all slip past the check before the first of them has failed; an attempt that
// then succeeds, or is never tried, is taken back.
import { ProtocolError } from '../../protocol/errors.js';
import type { AttemptKind, AttemptLog } from './attempt-log.js';

export const signInLimits = {
  /** Failed logins for one name key within `nameWindowMs` before that name is locked. */
  nameFailures: 5,
  nameWindowMs: 15 * 60_000,
  /** The first lock's length; each further failure doubles it, up to `nameWindowMs`. */
  firstLockMs: 30_000,
  /** The window of the per-address limits (--login-rate, --register-rate). */
  addressWindowMs: 10 * 60_000,
} as const;

export interface SignInLimitOptions {
  /** Failed logins per client address per 10 min; 0: no limit. */
  loginRate: number;
  /** Registrations per client address per 10 min; 0: no limit. */
  registerRate: number;
  now: () => number;
}

/** An attempt under way: say how it ended, so it counts or is taken back. */
export interface Attempt {
  settle<T>(outcome: Promise<T>): Promise<T>;
}

export class SignInLimits {
  constructor(
    private readonly log: AttemptLog,
    private readonly options: SignInLimitOptions,
  ) {}

  /** Admits a login for `nameKey` from `address`, or throws `rate_limited`. */
  login(nameKey: string, address: string): Attempt {
    const now = this.options.now();
    const { loginRate } = this.options;
    if (loginRate > 0) {
      const byAddress = this.overWindow('loginAddress', address, loginRate, now);
      if (byAddress !== null) throw refused('Too many failed logins from your network', byAddress);
    }
    const lockedFor = this.nameLockedFor(nameKey, now);
    if (lockedFor !== null) throw refused('Too many failed logins for this name', lockedFor);
    this.log.add('loginName', nameKey, now);
    if (loginRate > 0) this.log.add('loginAddress', address, now);
    return {
      settle: (outcome) =>
        outcome.then(
          (value) => {
            // A correct password ends the name's run of failures; it was never a failure here.
            this.log.clear('loginName', nameKey);
            if (loginRate > 0) this.log.remove('loginAddress', address, now);
            return value;
          },
          (error: unknown) => {
            if (!isWrongPassword(error)) {
              this.log.remove('loginName', nameKey, now);
              if (loginRate > 0) this.log.remove('loginAddress', address, now);
            }
            throw error;
          },
        ),
    };
  }

  /** Admits a registration from `address`, or throws `rate_limited`. */
  register(address: string): Attempt {
    const now = this.options.now();
    const { registerRate } = this.options;
    if (registerRate === 0) return { settle: (outcome) => outcome };
    const wait = this.overWindow('register', address, registerRate, now);
    if (wait !== null) throw refused('Too many accounts were made from your network', wait);
    this.log.add('register', address, now);
    return {
      settle: (outcome) =>
        outcome.catch((error: unknown) => {
          // A refusal before any password was hashed (busy, shutting down) costs nothing.
          if (error instanceof ProtocolError && error.code === 'busy') this.log.remove('register', address, now);
          throw error;
        }),
    };
  }

  /** Until a `kind` attempt from `key` fits under `perWindow` again, or null when one fits now. */
  private overWindow(kind: AttemptKind, key: string, perWindow: number, now: number): number | null {
    const windowMs = signInLimits.addressWindowMs;
    const times = this.log.times(kind, key, now - windowMs);
    if (times.length < perWindow) return null;
    return times[times.length - perWindow]! + windowMs - now;
  }

  /** 5 failures lock the name for 30 s; each failure after the lock ends doubles it, up to 15 min. */
  private nameLockedFor(nameKey: string, now: number): number | null {
    const { nameFailures, nameWindowMs, firstLockMs } = signInLimits;
    const times = this.log.times('loginName', nameKey, now - nameWindowMs);
    if (times.length < nameFailures) return null;
    const lockMs = Math.min(nameWindowMs, firstLockMs * 2 ** (times.length - nameFailures));
    const until = times[times.length - 1]! + lockMs;
    return until > now ? until - now : null;
  }
}

function isWrongPassword(error: unknown): boolean {
  return error instanceof ProtocolError && error.code === 'unauthorized';
}

function refused(what: string, waitMs: number): ProtocolError {
  const retryAfterMs = Math.max(1, Math.ceil(waitMs));
  const seconds = Math.ceil(retryAfterMs / 1000);
  return new ProtocolError('rate_limited', `${what}; try again in ${seconds} s.`, retryAfterMs);
}
