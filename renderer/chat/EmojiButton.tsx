// Browser runtime. The smiley beside the paperclip: opens the emoji picker; a picked emoji goes
// in at the composer's caret, and the caret (and focus) come back to the composer.
import { useState, type RefObject } from 'react';
import { useText } from '../i18n/use-text.js';
import { EmojiPicker } from './EmojiPicker.js';

interface EmojiButtonProps {
  disabled: boolean;
  /** The composer, where focus returns when the picker closes. */
  composer: RefObject<HTMLTextAreaElement | null>;
  onPick: (emoji: string) => void;
}

export function EmojiButton({ disabled, composer, onPick }: EmojiButtonProps) {
  const t = useText();
  const [open, setOpen] = useState(false);
  function close(): void {
    setOpen(false);
    composer.current?.focus();
  }

  return (
    <span className="emoji-anchor">
      <button
        type="button"
        className="icon-button emoji-button"
        aria-label={t('emojiButton')}
        title={t('emojiButton')}
        aria-haspopup="dialog"
        aria-expanded={open}
        disabled={disabled}
        // Pressing the button while open would first close it (a press outside), then reopen it.
        onPointerDown={(event) => open && event.stopPropagation()}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="8.5" />
          <path d="M8.5 14.2c.9 1.3 2.1 2 3.5 2s2.6-.7 3.5-2M9.2 9.8h.01M14.8 9.8h.01" />
        </svg>
      </button>
      {open && (
        <EmojiPicker
          onClose={close}
          onPick={(emoji) => {
            onPick(emoji);
            setOpen(false);
          }}
        />
      )}
    </span>
  );
}
