// Node runtime. Sends the outbox one message at a time, oldest first, whenever the connection
// is up; waits after a rate limit or a server error, and marks what the server refuses.
import type { Attachment, Message, SendRequest } from '../../../protocol/contract.js';
import type { Failure } from '../../ipc/contract.js';
import { ConnectionDropped } from '../connection/connection.js';
import { failure as makeFailure, FailureError } from '../failure.js';
import type { Logger } from '../log/logger.js';
import type { UploadInput } from '../files/transfer.js';
import type { Outbox, OutboxItem } from './outbox.js';

export interface OutboxSenderDeps {
  outbox: Pick<Outbox, 'next' | 'fail' | 'find' | 'fileOf' | 'uploaded' | 'forgetUploads'>;
  online: () => boolean;
  send: (request: SendRequest) => Promise<{ message: Message }>;
  /** POST /api/files of one attachment's bytes. */
  upload: (input: UploadInput) => Promise<Attachment>;
  /** Bytes of attachment `index` sent so far (the renderer shows progress). */
  progress: (clientId: string, index: number, sent: number) => void;
  /**
   * The server stored it (or had stored it before: a repeat answers the first copy). Resolves
   * once the item has left the outbox; the next one is sent only then.
   */
  acked: (clientId: string, message: Message) => Promise<void>;
  /** The server refused it for good; the item is now `failed`. */
  refused: (clientId: string) => void;
  /** An upload was refused `unauthorized`: the session has ended (the socket would be refused too). */
  sessionEnded: () => void;
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
  /** The upload running now, so the user can cancel it. */
  private uploading: { clientId: string; abort: AbortController } | null = null;
  /** Messages whose uploads the server had forgotten and were made again (once only). */
  private readonly reuploaded = new Set<string>();

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
    this.uploading?.abort.abort();
  }

  /** Stops the upload of this message if one is running; false when none is. */
  cancelUpload(clientId: string): boolean {
    if (this.uploading?.clientId !== clientId) return false;
    this.uploading.abort.abort();
    return true;
  }

  private async drain(): Promise<void> {
    for (let item = this.deps.outbox.next(); item && !this.stopped; item = this.deps.outbox.next()) {
      // Offline: the next connect kicks the sender again.
      if (!this.deps.online()) return;
      // A text message is sent at once: no await between taking it and sending it.
      const uploads = item.attachments ? await this.uploadAll(item) : [];
      if (uploads === 'stop') return;
      if (uploads === 'next') continue;
      let message: Message;
      try {
        ({ message } = await this.deps.send({
          to: item.to,
          clientId: item.clientId,
          content: item.content,
          ...(item.quote ? { replyTo: item.quote.id } : {}),
          ...(uploads.length > 0 ? { attachments: uploads.map((id) => ({ id })) } : {}),
        }));
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
        if (failure?.code === 'not_found' && uploads.length > 0 && !this.reuploaded.has(item.clientId)) {
          // The server no longer knows an upload (expired while the app was closed): upload again, once.
          this.deps.logger.info(`the server forgot the uploads of message ${item.clientId}: uploading again`);
          this.reuploaded.add(item.clientId);
          await this.deps.outbox.forgetUploads(item.clientId);
          continue;
        }
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

  /**
   * Uploads the item's attachments that have no id yet, keeping each id before the next.
   * Answers the ids in order, or what the loop does next: `next` when the item was cancelled
   * or refused, `stop` when sending must wait.
   */
  private async uploadAll(item: OutboxItem): Promise<string[] | 'next' | 'stop'> {
    const attachments = item.attachments ?? [];
    for (const [index, attachment] of attachments.entries()) {
      if (attachment.id !== undefined) continue;
      const abort = new AbortController();
      this.uploading = { clientId: item.clientId, abort };
      try {
        const upload = await this.deps.upload({
          file: this.deps.outbox.fileOf(attachment),
          name: attachment.name,
          size: attachment.size,
          progress: (sent) => this.deps.progress(item.clientId, index, sent),
          signal: abort.signal,
        });
        if (!this.deps.outbox.find(item.clientId)) return 'next';
        await this.deps.outbox.uploaded(item.clientId, index, upload);
      } catch (error) {
        if (abort.signal.aborted) return this.stopped ? 'stop' : 'next';
        const failure = error instanceof FailureError ? error.failure : undefined;
        if (failure?.code === 'unauthorized') {
          // Not worth retrying: the message stays in the outbox for the next sign-in.
          this.deps.logger.info(`an upload of message ${item.clientId} was refused: the session has ended`);
          this.deps.sessionEnded();
          return 'stop';
        }
        if (failure && final.has(failure.code) && failure.code !== 'not_found') {
          this.deps.logger.info(`the server refused an attachment of message ${item.clientId} (${failure.code})`);
          await this.deps.outbox.fail(item.clientId, { code: failure.code, message: failure.message });
          this.deps.refused(item.clientId);
          return 'next';
        }
        this.deps.logger.caught(`uploading an attachment of message ${item.clientId}`, error);
        this.later(failure?.retryAfterMs);
        return 'stop';
      } finally {
        this.uploading = null;
      }
    }
    const ids = (this.deps.outbox.find(item.clientId)?.attachments ?? []).map((a) => a.id);
    if (ids.some((id) => id === undefined)) throw makeFailure('internal', 'An uploaded attachment has no id.');
    return ids as string[];
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
