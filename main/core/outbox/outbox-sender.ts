// Sends the outbox one message at a time, oldest first, whenever the connection is up.
import type { Message } from '../../../protocol/contract.js';
import type { Connection } from '../connection/connection.js';
import { FailureError } from '../failure.js';
import type { Outbox, OutboxItem } from './outbox.js';

export interface OutboxSenderDeps {
  outbox: Outbox;
  connection: () => Connection;
  /** The server stored it (or had stored it before: a repeat answers the first copy). */
  sent: (item: OutboxItem, message: Message) => void;
  /** An item changed state (failed). */
  changed: (clientId: string) => void;
}

/** Refusals that sending again cannot fix: the user retries or discards. */
const final = new Set(['bad_request', 'too_large', 'not_found', 'conflict']);
const backoffMs = { first: 1000, max: 30_000 };

export class OutboxSender {
  private running = false;
  private stopped = false;
  private wait = backoffMs.first;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: OutboxSenderDeps) {}

  kick(): void {
    if (this.running || this.stopped) return;
    clearTimeout(this.timer);
    this.running = true;
    void this.drain().finally(() => (this.running = false));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** The server's message:new for our own send arrived first. */
  async acknowledged(clientId: string): Promise<void> {
    await this.deps.outbox.remove(clientId);
  }

  private async drain(): Promise<void> {
    for (let item = this.deps.outbox.next(); item && !this.stopped; item = this.deps.outbox.next()) {
      const connection = this.deps.connection();
      if (connection.state !== 'online') return;
      try {
        const { message } = await connection.request('message:send', {
          to: item.to,
          clientId: item.clientId,
          content: item.content,
        });
        await this.deps.outbox.remove(item.clientId);
        this.wait = backoffMs.first;
        this.deps.sent(item, message);
      } catch (error) {
        const failure = error instanceof FailureError ? error.failure : undefined;
        if (failure && final.has(failure.code)) {
          await this.deps.outbox.fail(item.clientId, failure);
          this.deps.changed(item.clientId);
          continue;
        }
        if (failure?.code !== 'offline') this.later();
        // Offline: the next connect kicks the sender again.
        return;
      }
    }
  }

  /** Rate limited or a server error: try again after a growing pause. */
  private later(): void {
    this.timer = setTimeout(() => this.kick(), this.wait);
    this.wait = Math.min(this.wait * 2, backoffMs.max);
  }
}
