// Browser runtime. A message's files in order: images as image bubbles, others as file bubbles.
import type { ChatMessage } from '../../main/ipc/contract.js';
import { isInlineImage } from '../format/file-kind.js';
import { FileBubble } from './FileBubble.js';
import { ImageBubble } from './ImageBubble.js';
import { useAppStore } from '../store/use-app-store.js';

export function MessageAttachments({ message, who }: { message: ChatMessage; who: number }) {
  const uploading = message.state === 'sending';
  const local = useAppStore((state) => state.files.sending[message.clientId]);
  return (
    <div className="message-attachments">
      {(message.attachments ?? []).map((attachment, index) => {
        const props = {
          attachment,
          who,
          clientId: message.clientId,
          // Uploading from the send on (`sent` comes with the first progress report).
          uploading: uploading && attachment.id === null,
        };
        const key = attachment.id ?? `${message.clientId}-${index}`;
        return isInlineImage(attachment.mime) ? (
          <ImageBubble key={key} {...props} local={local?.[index] ?? null} />
        ) : (
          <FileBubble key={key} {...props} />
        );
      })}
    </div>
  );
}
