// Browser runtime. Above the message box: the files about to be sent, each with a thumbnail
// (images) or a type icon, its name and size, and a button to remove it.
import { useMemo } from 'react';
import { fileFailureKey } from '../files/file-failure.js';
import { FileTypeIcon } from '../files/FileTypeIcon.js';
import { humanSize, isInlineImage } from '../format/file-kind.js';
import { removeStaged } from '../ipc/file-commands.js';
import { useText } from '../i18n/use-text.js';
import { stagedOf, type StagedItem } from '../store/files-slice.js';
import type { AppState } from '../store/state.js';
import { useAppStore } from '../store/use-app-store.js';
import { Icon } from '../common/Icon.js';
import { UserText } from '../common/UserText.js';

export function StagedStrip({ who }: { who: number }) {
  const t = useText();
  const items = useAppStore(useMemo(() => (state: AppState) => stagedOf(state.files, who), [who]));
  const tooMany = useAppStore((state) => Boolean(state.files.tooMany[who]));
  if (items.length === 0 && !tooMany) return null;
  return (
    <div className="staged">
      {items.length > 0 && (
        <ul className="staged-strip" aria-label={t('attachmentsLabel')}>
          {items.map((item) => (
            <StagedEntry key={item.key} item={item} who={who} />
          ))}
        </ul>
      )}
      {tooMany && (
        <p className="staged-notice" role="status">
          {t('tooManyFiles')}
        </p>
      )}
    </div>
  );
}

function StagedEntry({ item, who }: { item: StagedItem; who: number }) {
  const t = useText();
  const mime = item.file?.mime ?? '';
  const url = item.file && isInlineImage(mime) ? item.file.url : null;
  return (
    <li className="staged-item" data-testid="staged-item" data-state={item.state}>
      {url ? <img className="staged-thumbnail" src={url} alt="" /> : <FileTypeIcon name={item.name} mime={mime} />}
      <span className="staged-text">
        <UserText className="staged-name" text={item.name} />
        <span className="staged-size">
          {item.state === 'staging' ? t('stagingFile') : humanSize(item.file?.size ?? item.size)}
        </span>
        {item.state === 'failed' && (
          <span className="staged-failure" role="alert">
            {t(fileFailureKey(item.failure ?? 'internal'))}
          </span>
        )}
      </span>
      <button
        type="button"
        className="icon-button staged-remove"
        aria-label={t('removeAttachment', { name: item.name })}
        title={t('removeAttachment', { name: item.name })}
        onClick={() => void removeStaged(who, item.key)}
      >
        <Icon name="close" />
      </button>
    </li>
  );
}
