// Node runtime. Sends the outbox one message at a time, oldest first, whenever the connection
// is up; waits after a rate limit or a server error, and marks what the server refuses.
import type { Message, SendRequest } from '../../../protocol/contract.js';
import type { Failure } from '../../ipc/contract.js';
import { ConnectionDropped } from '../connection/connection.js';
import { FailureError } from '../failure.js';
import type { Logger } from '../log/logger.js';
import type { Outbox } from './outbox.js';

export interface OutboxSenderDeps {
  outbox: Pick<Outbox, 'next' | 'fail'>;
  online: () => boolean;
  send: (request: SendRequest) => Promise<{ message: Message }>;
  /**
   * The server stored it (or had stored it before: a repeat answers the first copy). Resolves
   * once the item has left the outbox; the next one is sent only then.
   */
  acked: (clientId: string, message: Message) => Promise<void>;
  /** The server refused it for good; the item is now `failed`. */
  refused: (clientId: string) => void;
  logger: Logger;
}

/** Refusals that sending again cannot fix: the user retries or discards. */
const final = new Set<Failure['code']>(['bad_request', 'too_large', 'not_found', 'conflict']);
const backoffMs = { first: 1000, max: 30_000 };
/** A message whose send dropped the connection this often is given up on, so it cannot block the rest. */
export const dropsBeforeFailing = 2;

export class OutboxSender {
  private running = false;
  private kickedWhileRunning = false;
  private stopped = false;
  private wait = backoffMs.first;
  /** Set while waiting out a rate limit or a server error: kicks wait for it too. */
  private timer: NodeJS.Timeout | undefined;
  /** How many of the current message's sends ended with the connection dropping. */
  private drops = { clientId: '', count: 0 };

  constructor(private readonly deps: OutboxSenderDeps) {}

  /** Something changed (a new message, a retry, a reconnect): send what is waiting. */
  kick(): void {
    if (this.stopped || this.timer) return;
    if (this.running) {
      this.kickedWhileRunning = true;
      return;
    }
    this.running = true;
    this.kickedWhileRunning = false;
    void this.drain()
      .catch((error: unknown) => {
        this.deps.logger.caught('sending the outbox', error);
        this.later();
      })
      .finally(() => {
        this.running = false;
        if (this.kickedWhileRunning) this.kick();
      });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    for (let item = this.deps.outbox.next(); item && !this.stopped; item = this.deps.outbox.next()) {
      // Offline: the next connect kicks the sender again.
      if (!this.deps.online()) return;
      let message: Message;
      try {
        ({ message } = await this.deps.send({ to: item.to, clientId: item.clientId, content: item.content }));
      } catch (error) {
        if (error instanceof ConnectionDropped && this.droppedAgain(item.clientId)) {
          this.deps.logger.warn(`message ${item.clientId} dropped the connection ${dropsBeforeFailing} times: failed`);
          await this.deps.outbox.fail(item.clientId, {
            code: 'connection_dropped',
            message: 'The connection dropped each time this message was sent.',
          });
          // A retry by the user starts counting afresh.
          this.drops = { clientId: '', count: 0 };
          this.deps.refused(item.clientId);
          continue;
        }
        const failure = error instanceof FailureError ? error.failure : undefined;
        if (failure && final.has(failure.code)) {
          this.deps.logger.info(`the server refused message ${item.clientId} (${failure.code})`);
          await this.deps.outbox.fail(item.clientId, { code: failure.code, message: failure.message });
          this.deps.refused(item.clientId);
          continue;
        }
        this.deps.logger.caught(`sending message ${item.clientId}`, error);
        if (failure?.code !== 'offline') this.later(failure?.retryAfterMs);
        return;
      }
      this.wait = backoffMs.first;
      await this.deps.acked(item.clientId, message);
    }
  }

  /** Counts a drop during this message's send; true once it has happened often enough to give up. */
  private droppedAgain(clientId: string): boolean {
    if (this.drops.clientId !== clientId) this.drops = { clientId, count: 0 };
    this.drops.count++;
    return this.drops.count >= dropsBeforeFailing;
  }

  /** Rate limited or a server error: try again after a growing pause, and never before the server's hint. */
  private later(retryAfterMs = 0): void {
    if (this.stopped) return;
    const delay = Math.max(this.wait, retryAfterMs);
    this.wait = Math.min(this.wait * 2, backoffMs.max);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.kick();
    }, delay);
  }
}
