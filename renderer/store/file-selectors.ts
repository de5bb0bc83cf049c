// Browser runtime, but pure. The open chat's images in order (what the viewer's arrows move
// through), and one file's download progress.
import type { ChatAttachment } from '../../main/ipc/files-contract.js';
import { isInlineImage } from '../format/file-kind.js';
import { derive } from './derive.js';
import { timelineOf } from './messages-slice.js';
import type { AppState } from './state.js';

/** A stored image of the chat (uploads still running have no id yet and are left out). */
export type ChatImage = ChatAttachment & { id: string };

export function selectChatImages(who: number) {
  return derive(
    (state: AppState) => [timelineOf(state.messages, who).messages] as const,
    (messages): ChatImage[] =>
      messages.flatMap((message) =>
        (message.attachments ?? []).filter(
          (attachment): attachment is ChatImage => attachment.id !== null && isInlineImage(attachment.mime),
        ),
      ),
  );
}

export function selectDownload(id: string | null) {
  return (state: AppState) => (id === null ? undefined : state.files.progress[id]);
}
