// Browser runtime. A file that is not shown inline: its type icon, name and size, the upload's
// or the download's progress, and Open and Save as….
import { useMemo, useState } from 'react';
import type { ChatAttachment } from '../../main/ipc/files-contract.js';
import { fileFailureKey } from '../files/file-failure.js';
import { FileTypeIcon } from '../files/FileTypeIcon.js';
import { humanSize } from '../format/file-kind.js';
import { fileInput, openAttachment, saveAttachment } from '../ipc/file-commands.js';
import { useText } from '../i18n/use-text.js';
import { selectDownload } from '../store/file-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { UserText } from '../common/UserText.js';
import { UploadProgress } from './UploadProgress.js';

interface FileBubbleProps {
  attachment: ChatAttachment;
  who: number;
  clientId: string;
  uploading: boolean;
}

type Note = { kind: 'saved'; path: string } | { kind: 'failed'; code: string } | null;

export function FileBubble({ attachment, who, clientId, uploading }: FileBubbleProps) {
  const t = useText();
  const download = useAppStore(useMemo(() => selectDownload(attachment.id), [attachment.id]));
  const [note, setNote] = useState<Note>(null);
  const input = fileInput(attachment);

  async function open(): Promise<void> {
    if (!input) return;
    const failure = await openAttachment(input);
    setNote(failure === null ? null : { kind: 'failed', code: failure });
  }

  async function save(): Promise<void> {
    if (!input) return;
    const outcome = await saveAttachment(input);
    if ('failure' in outcome) setNote({ kind: 'failed', code: outcome.failure });
    else setNote(outcome.savedTo === null ? null : { kind: 'saved', path: outcome.savedTo });
  }

  return (
    <div className="file-bubble" data-testid="file-bubble">
      <FileTypeIcon name={attachment.name} mime={attachment.mime} />
      <div className="file-bubble-text">
        <UserText className="file-name" text={attachment.name} />
        <span className="file-size">{humanSize(attachment.size)}</span>
        {uploading && <UploadProgress attachment={attachment} who={who} clientId={clientId} />}
        {download && (
          <div className="file-progress">
            <progress
              max={download.total || 1}
              value={download.received}
              aria-label={t('fileDownloadProgress', {
                done: humanSize(download.received),
                total: humanSize(download.total),
              })}
            />
          </div>
        )}
        {input && (
          <div className="file-actions">
            <button
              type="button"
              className="link-button"
              aria-label={t('openFileLabel', { name: attachment.name })}
              onClick={() => void open()}
            >
              {t('openFile')}
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={t('saveFileAsLabel', { name: attachment.name })}
              onClick={() => void save()}
            >
              {t('saveFileAs')}
            </button>
          </div>
        )}
        {note && (
          <span className={`file-note${note.kind === 'failed' ? ' file-note-failed' : ''}`} role="status">
            {note.kind === 'saved' ? t('savedTo', { path: note.path }) : t(fileFailureKey(note.code))}
          </span>
        )}
      </div>
    </div>
  );
}
