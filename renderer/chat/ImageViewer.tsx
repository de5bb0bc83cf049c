// Browser runtime. The full-size viewer: a modal dialog over the chat, named after the file.
// Esc or Close closes it and gives the focus back; ← and → (or the buttons) move through the
// open chat's loaded images; Save as… saves the one shown.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from '../common/Icon.js';
import { UserText } from '../common/UserText.js';
import { fileFailureKey } from '../files/file-failure.js';
import { fileInput, saveAttachment } from '../ipc/file-commands.js';
import { messenger } from '../ipc/api.js';
import { reportUnlessAnswered } from '../ipc/problems.js';
import { useText } from '../i18n/use-text.js';
import { errorCode } from '../format/failure-text.js';
import { viewerShown } from '../store/file-actions.js';
import { selectChatImages, type ChatImage } from '../store/file-selectors.js';
import { useAppStore } from '../store/use-app-store.js';

export function ImageViewer({ who }: { who: number }) {
  const t = useText();
  const images = useAppStore(useMemo(() => selectChatImages(who), [who]));
  const shownId = useAppStore((state) => state.files.viewer?.id ?? null);
  const ref = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const [note, setNote] = useState<{ id: string; text: string } | null>(null);
  const index = images.findIndex((image) => image.id === shownId);
  const image = images[index];

  useEffect(() => {
    const dialog = ref.current;
    // Whoever opened the viewer gets the focus back when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // Close first: showModal alone would pick the first button (Save as…).
    closeButton.current?.focus();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  function close(): void {
    viewerShown(null);
  }

  function move(step: 1 | -1): void {
    const next = images[index + step];
    if (next) viewerShown({ who, id: next.id });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>): void {
    if (event.key === 'ArrowLeft') move(-1);
    else if (event.key === 'ArrowRight') move(1);
    else return;
    event.preventDefault();
  }

  async function save(shown: ChatImage): Promise<void> {
    const outcome = await saveAttachment(fileInput(shown)!);
    if ('failure' in outcome) setNote({ id: shown.id, text: t(fileFailureKey(outcome.failure)) });
    else if (outcome.savedTo !== null) setNote({ id: shown.id, text: t('savedTo', { path: outcome.savedTo }) });
  }

  return (
    <dialog
      ref={ref}
      className="image-viewer"
      aria-modal="true"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onKeyDown={onKeyDown}
    >
      <header className="image-viewer-bar">
        <h2 id={headingId} className="image-viewer-name">
          <UserText text={image?.name ?? ''} />
        </h2>
        {image && (
          <span className="image-viewer-position">{t('viewerPosition', { n: index + 1, count: images.length })}</span>
        )}
        {image && (
          <button type="button" className="secondary" onClick={() => void save(image)}>
            {t('saveFileAs')}
          </button>
        )}
        <button ref={closeButton} type="button" className="icon-button" aria-label={t('viewerClose')} onClick={close}>
          <Icon name="close" />
        </button>
      </header>
      {note && note.id === image?.id && (
        <p className="image-viewer-note" role="status">
          {note.text}
        </p>
      )}
      <div className="image-viewer-stage">
        <button
          type="button"
          className="icon-button image-viewer-step"
          aria-label={t('viewerPrevious')}
          disabled={index <= 0}
          onClick={() => move(-1)}
        >
          <Icon name="previous" />
        </button>
        {image && <FullImage key={image.id} image={image} />}
        <button
          type="button"
          className="icon-button image-viewer-step"
          aria-label={t('viewerNext')}
          disabled={index < 0 || index >= images.length - 1}
          onClick={() => move(1)}
        >
          <Icon name="next" />
        </button>
      </div>
    </dialog>
  );
}

function FullImage({ image }: { image: ChatImage }) {
  const [url, setUrl] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const t = useText();
  useEffect(() => {
    let current = true;
    messenger()
      .fileUrl(fileInput(image)!)
      .then(({ url: found }) => {
        if (current) setUrl(found);
      })
      .catch((error: unknown) => {
        reportUnlessAnswered('showing an image', error);
        if (current) setFailure(errorCode(error));
      });
    return () => {
      current = false;
    };
  }, [image]);
  if (failure) return <p className="image-viewer-failure">{t(fileFailureKey(failure))}</p>;
  return (
    <div
      className="image-viewer-picture"
      style={image.width && image.height ? { aspectRatio: `${image.width} / ${image.height}` } : undefined}
    >
      {url && <img src={url} alt={image.name} data-testid="full-image" />}
    </div>
  );
}
