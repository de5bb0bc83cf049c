// Browser runtime. While the user's own message uploads its files: how much has gone, and a
// Cancel that stops it (the message is then never sent).
import { useState } from 'react';
import type { ChatAttachment } from '../../main/ipc/files-contract.js';
import { fileFailureKey } from '../files/file-failure.js';
import { humanSize } from '../format/file-kind.js';
import { cancelUpload } from '../ipc/file-commands.js';
import { useText } from '../i18n/use-text.js';

interface UploadProgressProps {
  attachment: ChatAttachment;
  who: number;
  clientId: string;
}

export function UploadProgress({ attachment, who, clientId }: UploadProgressProps) {
  const t = useText();
  const [failure, setFailure] = useState<string | null>(null);
  const sent = attachment.sent ?? 0;
  const label = t('fileUploadProgress', { done: humanSize(sent), total: humanSize(attachment.size) });
  return (
    <div className="file-progress" data-testid="upload-progress">
      <progress max={attachment.size || 1} value={Math.min(sent, attachment.size)} aria-label={label} />
      <span className="file-progress-text">{label}</span>
      <button
        type="button"
        className="link-button"
        aria-label={t('cancelUpload', { name: attachment.name })}
        onClick={() => void cancelUpload(who, clientId).then(setFailure)}
      >
        {t('cancel')}
      </button>
      {failure && (
        <span className="file-note file-note-failed" role="status">
          {/* conflict: the files finished uploading first, and the message is on its way. */}
          {failure === 'conflict' ? t('cancelTooLate') : t(fileFailureKey(failure))}
        </span>
      )}
    </div>
  );
}
