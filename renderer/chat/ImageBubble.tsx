// Browser runtime. An image in a message: a box with the image's own proportions from the
// start (so nothing moves when it loads), filled by a thumbnail made on this computer;
// clicking opens the viewer. The user's own image shows its staged copy while it uploads.
import type { ChatAttachment } from '../../main/ipc/files-contract.js';
import { useThumbnail } from '../files/use-thumbnail.js';
import { fileInput } from '../ipc/file-commands.js';
import { useText } from '../i18n/use-text.js';
import { viewerShown } from '../store/file-actions.js';
import { imageBox } from './attachment-size.js';
import { UploadProgress } from './UploadProgress.js';

interface ImageBubbleProps {
  attachment: ChatAttachment;
  who: number;
  clientId: string;
  uploading: boolean;
  /** The staged copy of the user's own image while it uploads. */
  local: string | null;
}

export function ImageBubble({ attachment, who, clientId, uploading, local }: ImageBubbleProps) {
  const t = useText();
  const input = fileInput(attachment);
  const thumbnail = useThumbnail(input);
  const label = t('imageLabel', { name: attachment.name });
  const picture = thumbnail ? <img className="image-thumbnail" src={thumbnail} alt="" draggable={false} /> : null;
  return (
    <div className="image-attachment">
      {input ? (
        <button
          type="button"
          className="image-bubble"
          data-testid="image-bubble"
          style={imageBox(attachment.width, attachment.height)}
          aria-label={label}
          title={attachment.name}
          onClick={() => viewerShown({ who, id: input.id })}
        >
          {picture}
        </button>
      ) : (
        <div
          className="image-bubble image-bubble-pending"
          data-testid="image-bubble"
          role="img"
          aria-label={label}
          style={imageBox(attachment.width, attachment.height)}
        >
          {local && <img className="image-thumbnail" src={local} alt="" draggable={false} />}
        </div>
      )}
      {uploading && <UploadProgress attachment={attachment} who={who} clientId={clientId} />}
    </div>
  );
}
