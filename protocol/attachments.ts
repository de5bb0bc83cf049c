// How a message with files reads on the wire (docs/protocol.md "Files"): `content` names each
// file on a line of its own, then the caption, so a client that knows only text shows something
// readable; `caption` and `attachments` carry the parts for clients that know files.
import type { Attachment, Message } from './contract.js';

/** The image types shown inline (and served as themselves); every other file is a download. */
const inlineImages: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isInlineImage(mime: string): boolean {
  return inlineImages.has(mime);
}

/** `[Image] name` or `[File] name`: how one attachment reads as text. */
export function placeholder(attachment: Pick<Attachment, 'name' | 'mime'>): string {
  return `${isInlineImage(attachment.mime) ? '[Image]' : '[File]'} ${attachment.name}`;
}

/** The wire `content` of a message with these files and this caption: one line per file, then the caption. */
export function placeholderContent(
  attachments: ReadonlyArray<Pick<Attachment, 'name' | 'mime'>>,
  caption: string,
): string {
  const lines = attachments.map(placeholder);
  if (caption !== '') lines.push(caption);
  return lines.join('\n');
}

/**
 * The message as sent on the wire: unchanged without files; with them, `content` is the
 * placeholder text and `caption` what the sender wrote (stored as the message's content).
 */
export function withAttachments<M extends Omit<Message, 'attachments' | 'caption'>>(
  message: M,
  attachments: Attachment[],
): M & Pick<Message, 'attachments' | 'caption'> {
  if (attachments.length === 0) return message;
  return {
    ...message,
    content: placeholderContent(attachments, message.content),
    caption: message.content,
    attachments,
  };
}
