// Browser runtime. The emoji grid beside the composer: grouped, searchable by name in the UI
// language, moved through with the arrow keys (one emoji in the tab order at a time); Enter or
// a click picks, Esc or a click elsewhere closes.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useText } from '../i18n/use-text.js';
import { useAppStore } from '../store/use-app-store.js';
import { loadEmoji, searchEmoji, type EmojiGroup } from './emoji-data.js';

/** Emoji per row; styles/chat-polish.css lays the grid out with as many columns. */
export const emojiColumns = 8;

interface EmojiPickerProps {
  onPick: (emoji: string) => void;
  onClose: () => void;
}

export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const t = useText();
  const language = useAppStore((state) => state.settings.language);
  const [groups, setGroups] = useState<EmojiGroup[] | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let current = true;
    void loadEmoji(language).then(
      (loaded) => current && setGroups(loaded),
      () => current && setGroups([]),
    );
    return () => {
      current = false;
    };
  }, [language]);

  useEffect(() => {
    search.current?.focus();
  }, []);

  useEffect(() => {
    // A press anywhere outside closes it, as a menu does.
    function onPointerDown(event: PointerEvent): void {
      if (!root.current?.contains(event.target as Node)) onClose();
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [onClose]);

  const shown = useMemo(() => (groups ? searchEmoji(groups, query) : []), [groups, query]);
  const flat = useMemo(() => shown.flatMap((group) => group.emoji), [shown]);

  function focusEmoji(index: number): void {
    const next = Math.max(0, Math.min(flat.length - 1, index));
    setActive(next);
    root.current?.querySelector<HTMLButtonElement>(`[data-index="${next}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    const inSearch = event.target === search.current;
    if (inSearch) {
      if (event.key === 'ArrowDown' && flat.length > 0) {
        event.preventDefault();
        focusEmoji(0);
      } else if (event.key === 'Enter' && flat[0]) {
        event.preventDefault();
        onPick(flat[0].unicode);
      }
      return;
    }
    const steps: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      ArrowUp: -emojiColumns,
      ArrowDown: emojiColumns,
    };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && active < emojiColumns) search.current?.focus();
    else focusEmoji(active + step);
  }

  let index = 0;
  return (
    <div className="emoji-picker" role="dialog" aria-label={t('emojiPicker')} ref={root} onKeyDown={onKeyDown}>
      <input
        ref={search}
        className="emoji-search"
        type="search"
        aria-label={t('emojiSearch')}
        placeholder={t('emojiSearch')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
      />
      <div className="emoji-groups">
        {groups === null && <p className="emoji-note">{t('emojiLoading')}</p>}
        {groups !== null && flat.length === 0 && <p className="emoji-note">{t('emojiNone', { query })}</p>}
        {shown.map((group) => (
          <section key={group.key} className="emoji-group" aria-label={group.name}>
            <h3 className="emoji-group-name">{group.name}</h3>
            <div className="emoji-grid">
              {group.emoji.map((emoji) => {
                const at = index++;
                return (
                  <button
                    key={emoji.unicode}
                    type="button"
                    className="emoji-cell"
                    data-index={at}
                    tabIndex={at === active ? 0 : -1}
                    aria-label={emoji.label}
                    title={emoji.label}
                    onClick={() => onPick(emoji.unicode)}
                    onFocus={() => setActive(at)}
                  >
                    {emoji.unicode}
                  </button>
                );
              })}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}
