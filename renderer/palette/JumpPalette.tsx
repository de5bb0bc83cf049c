// Browser runtime. Ctrl/Cmd+K: type part of a name, pick with ↑/↓, Enter opens the chat.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Avatar } from '../common/Avatar.js';
import { openChat } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { paletteToggled, sectionShown } from '../store/actions.js';
import { unreadBadge } from '../store/chat-selectors.js';
import { selectJumpTargets, type JumpTarget } from '../store/contact-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { UserText } from '../common/UserText.js';

export function JumpPalette() {
  const t = useText();
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const targets = useAppStore(useMemo(() => selectJumpTargets(query), [query]));
  const listId = useId();
  const optionId = (index: number) => `${listId}-option-${index}`;
  const chosen = Math.min(active, targets.length - 1);
  const found = targets.length > 0;

  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      if (before?.isConnected) before.focus();
    };
  }, []);

  function jump(target: JumpTarget | undefined): void {
    if (!target) return;
    paletteToggled(false);
    sectionShown('chats');
    void openChat(target.who, target.name);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (targets.length > 0) setActive((chosen + step + targets.length) % targets.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      jump(targets[chosen]);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label={t('paletteTitle')}
      onCancel={(event) => {
        event.preventDefault();
        paletteToggled(false);
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === ref.current) paletteToggled(false);
      }}
    >
      <div className="palette-content">
        <input
          type="text"
          className="palette-input"
          aria-label={t('paletteInput')}
          placeholder={t('paletteInput')}
          aria-controls={found ? listId : undefined}
          aria-activedescendant={found ? optionId(chosen) : undefined}
          aria-autocomplete="list"
          autoFocus
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        {found && (
          <ul className="palette-list" id={listId} role="listbox" aria-label={t('paletteResults')}>
            {targets.map((target, index) => (
              <li
                key={target.who}
                id={optionId(index)}
                role="option"
                aria-selected={index === chosen}
                className="palette-option"
                onMouseMove={() => setActive(index)}
                onClick={() => jump(target)}
              >
                <Avatar id={target.who} name={target.name} size="small" />
                <UserText className="palette-name" text={target.name} />
                {unreadBadge(target.unread) && (
                  <span className="unread-badge inline" aria-label={t('unreadCount', { n: target.unread })}>
                    {unreadBadge(target.unread)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {/* A listbox without options is not a listbox; "no match" is said as the user types. */}
        <div role="status">{!found && <p className="list-empty">{t('paletteEmpty')}</p>}</div>
        <p className="palette-hint">{t('paletteHint')}</p>
      </div>
    </dialog>
  );
}
