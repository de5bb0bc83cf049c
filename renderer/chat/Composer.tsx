// Browser runtime. Where the user writes: Enter sends, Shift+Enter starts a new line, the
// server's length limit shows as it nears, and the text is kept per chat as a draft. Files
// picked (paperclip) or pasted wait in the strip above; the text is then their caption.
import {
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { isInvisible } from '../../main/ipc/rules.js';
import { checkLength } from '../format/text-length.js';
import { noteTyping, sendMessage } from '../ipc/commands.js';
import { editMessage, saveDraftNow, scheduleDraftSave } from '../ipc/message-commands.js';
import { composeModeChanged } from '../store/act-actions.js';
import { cancelCompose, ComposeBar } from './ComposeBar.js';
import { addFiles, sendWithFiles, stagedReady } from '../ipc/file-commands.js';
import { pastedName } from '../files/stage-file.js';
import { useText } from '../i18n/use-text.js';
import { draftChanged } from '../store/actions.js';
import { stagedOf } from '../store/files-slice.js';
import type { AppState } from '../store/state.js';
import { selectComposerBlock, selectDraft } from '../store/message-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { AttachButton } from './AttachButton.js';
import { EmojiButton } from './EmojiButton.js';
import { StagedStrip } from './StagedStrip.js';

export function Composer({ who }: { who: number }) {
  const t = useText();
  const draft = useAppStore(useMemo(() => selectDraft(who), [who]));
  const block = useAppStore(selectComposerBlock);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [hintId, counterId, blockId] = [useId(), useId(), useId()];
  const length = checkLength(draft);
  const staged = useAppStore(useMemo(() => (state: AppState) => stagedOf(state.files, who), [who]));
  const withFiles = staged.length > 0;
  const mode = useAppStore((state) => state.acts.compose[who]);
  const me = useAppStore((state) => state.session.account?.user.id);
  const canSend = block === null && !length.tooLong && (withFiles ? stagedReady(staged) : !isInvisible(draft));

  // A chat opens ready to type into.
  useEffect(() => {
    ref.current?.focus();
  }, []);

  // Where the caret goes once the draft holding an inserted emoji is shown.
  const caretAfter = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfter.current === null) return;
    ref.current?.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [draft]);

  function insertAtCaret(inserted: string): void {
    const box = ref.current;
    if (!box) return;
    const [start, end] = [box.selectionStart, box.selectionEnd];
    caretAfter.current = start + inserted.length;
    draftChanged(who, box.value.slice(0, start) + inserted + box.value.slice(end));
    scheduleDraftSave(who);
    box.focus();
  }

  function send(): void {
    if (!canSend) return;
    if (mode?.kind === 'edit' && mode.message.id !== null) {
      const id = mode.message.id;
      composeModeChanged(who, null);
      draftChanged(who, '');
      void saveDraftNow(who);
      void editMessage(who, id, draft);
    } else if (withFiles) void sendWithFiles(who, isInvisible(draft) ? '' : draft);
    else void sendMessage(who, draft);
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>): void {
    const pasted = [...event.clipboardData.files];
    if (pasted.length === 0) return;
    event.preventDefault();
    void addFiles(
      who,
      pasted.map((file) => ({ blob: file, name: pastedName(file, (when) => t('pastedImageName', { when })) })),
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    send();
    ref.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Escape' && mode) {
      event.preventDefault();
      event.stopPropagation();
      cancelCompose(who, mode);
      return;
    }
    // While an input method is composing (e.g. pinyin), Enter picks the characters.
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  const describedBy = [block ? blockId : null, length.showCounter ? counterId : null, hintId].filter(Boolean).join(' ');
  return (
    <form className="composer" onSubmit={onSubmit}>
      <StagedStrip who={who} />
      {mode && <ComposeBar who={who} mode={mode} you={mode.message.user === me} />}
      {block && (
        <p className="composer-blocked" id={blockId}>
          {t(block)}
        </p>
      )}
      <textarea
        ref={ref}
        className="composer-input"
        aria-label={withFiles ? t('captionLabel') : t('messageLabel')}
        aria-describedby={describedBy}
        aria-invalid={length.tooLong || undefined}
        value={draft}
        disabled={block !== null}
        rows={4}
        onChange={(event) => {
          draftChanged(who, event.target.value);
          scheduleDraftSave(who);
          if (event.target.value !== '') noteTyping(who);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <div className="composer-footer">
        <AttachButton who={who} disabled={block !== null} />
        <EmojiButton composer={ref} disabled={block !== null} onPick={insertAtCaret} />
        <span className="composer-hint" id={hintId}>
          {t('composerHint')}
        </span>
        {length.showCounter && (
          <span
            className={`composer-counter${length.tooLong ? ' composer-counter-over' : ''}`}
            id={counterId}
            aria-live="polite"
          >
            {length.tooLong ? t('charactersOver', { n: -length.left }) : t('charactersLeft', { n: length.left })}
          </span>
        )}
        <button type="submit" className="primary send-button" disabled={!canSend}>
          {mode?.kind === 'edit' ? t('saveEdit') : t('send')}
        </button>
      </div>
    </form>
  );
}
