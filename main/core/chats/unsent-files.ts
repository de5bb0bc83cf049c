// Node runtime. The files of messages still in the outbox: their upload progress as the
// renderer sees it, stopping a message while its files upload, and its images for the page.
import { isInlineImage } from '../../../protocol/attachments.js';
import type { Account } from '../../ipc/contract.js';
import type { ServedFile } from '../bridge.js';
import { FailureError } from '../failure.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxSender } from '../outbox/outbox-sender.js';
import type { Emit } from './chat-session.js';
import { unsentMessage } from './views.js';

/** Upload progress events per message: at most one per this many ms (the last byte always). */
const progressEveryMs = 100;

export class UnsentFiles {
  /** Bytes sent per attachment of each uploading message, and when that was last told. */
  private readonly progress = new Map<string, { told: number; sent: Map<number, number> }>();

  constructor(private readonly deps: { outbox: Outbox; account: Account; now: () => number; emit: Emit }) {}

  /** Announces upload progress, at most every progressEveryMs per message, and always the last byte. */
  uploaded(clientId: string, index: number, sent: number): void {
    const item = this.deps.outbox.find(clientId);
    if (!item) return;
    const known = this.progress.get(clientId) ?? { told: -Infinity, sent: new Map<number, number>() };
    this.progress.set(clientId, known);
    known.sent.set(index, sent);
    const now = this.deps.now();
    if (now - known.told < progressEveryMs && sent !== item.attachments?.[index]?.size) return;
    known.told = now;
    this.deps.emit('messages', { who: item.to, messages: [unsentMessage(item, this.deps.account, known.sent)] });
  }

  /** The message left the outbox. */
  forget(clientId: string): void {
    this.progress.delete(clientId);
  }

  /** Stops a message whose files are still uploading: it leaves the outbox and is never sent. */
  async cancel(clientId: string, sender: OutboxSender, notInOutbox: () => Error): Promise<void> {
    const item = this.deps.outbox.find(clientId);
    if (!item) throw notInOutbox();
    if (!item.attachments?.some((attachment) => attachment.id === undefined)) {
      throw new FailureError({
        code: 'conflict',
        message: 'Its files are uploaded: the message can no longer be stopped.',
      });
    }
    // Out of the outbox first, so the sender, woken by the abort, finds nothing left to send.
    const removing = this.deps.outbox.remove(clientId);
    sender.cancelUpload(clientId);
    this.forget(clientId);
    await removing;
  }

  /** An unsent message's image, for the page to show at `/files/<sha256>`. */
  image(sha256: string): ServedFile | null {
    for (const item of this.deps.outbox.items) {
      const attachment = item.attachments?.find((a) => a.sha256 === sha256 && isInlineImage(a.mime));
      if (attachment) return { file: this.deps.outbox.fileOf(attachment), mime: attachment.mime };
    }
    return null;
  }
}
