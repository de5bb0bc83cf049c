// Browser runtime. One chat in the list: avatar, name, last message (a clock while it is still
// in the outbox), time, unread badge.
// Its actions open with a right-click, the Menu key or Shift+F10.
import { useId, type KeyboardEvent, type MouseEvent } from 'react';
import { Avatar } from '../common/Avatar.js';
import { chatListTime } from '../format/time.js';
import { openChat } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { chatMenuOpened, sectionShown } from '../store/actions.js';
import type { ChatRow } from '../store/chat-selectors.js';
import { UserText } from '../common/UserText.js';
import { useShownName } from '../common/use-shown-name.js';
import { OutboxMark } from './OutboxMark.js';

interface ChatRowItemProps {
  row: ChatRow;
  now: number;
  /** 1-based place in the whole list, and its length: not every row is in the page. */
  position: number;
  count: number;
  /** Offset from the top of the list, in pixels. */
  top: number;
  /** The list's one Tab stop; the other rows are reached with the arrow keys. */
  tabbable: boolean;
}

export function ChatRowItem({ row, now, position, count, top, tabbable }: ChatRowItemProps) {
  const t = useText();
  const id = useId();
  const shownName = useShownName(row.who, row.name);
  const [nameId, previewId, timeId, badgeId] = ['name', 'preview', 'time', 'badge'].map((part) => `${id}-${part}`);
  const hasBadge = row.badge !== null;
  // The unread count is part of the row's name ("Carol 3 unread"), heard before its preview.
  const describedBy = [row.preview ? previewId : null, row.time !== null ? timeId : null].filter(Boolean).join(' ');

  function openMenuAt(x: number, y: number): void {
    chatMenuOpened({ who: row.who, name: row.name, x, y, pinned: row.pinned, muted: row.muted });
  }

  function onContextMenu(event: MouseEvent<HTMLButtonElement>): void {
    event.preventDefault();
    // A keyboard-made contextmenu event has no pointer position: open at the row.
    if (event.clientX === 0 && event.clientY === 0) {
      const box = event.currentTarget.getBoundingClientRect();
      openMenuAt(box.left + 24, box.bottom);
    } else openMenuAt(event.clientX, event.clientY);
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      const box = event.currentTarget.getBoundingClientRect();
      openMenuAt(box.left + 24, box.bottom);
    }
  }

  return (
    <li
      className={`chat-row-item${row.pinned ? ' chat-row-pinned' : ''}`}
      data-testid="chat-row"
      data-who={row.who}
      aria-posinset={position}
      aria-setsize={count}
      style={{ transform: `translateY(${top}px)` }}
    >
      <button
        type="button"
        className="chat-row"
        tabIndex={tabbable ? 0 : -1}
        aria-current={row.isOpen ? 'true' : undefined}
        aria-labelledby={hasBadge ? `${nameId} ${badgeId}` : nameId}
        aria-describedby={describedBy || undefined}
        onClick={() => {
          sectionShown('chats');
          void openChat(row.who, row.name);
        }}
        onContextMenu={onContextMenu}
        onKeyDown={onKeyDown}
      >
        <span className="chat-row-avatar">
          <Avatar id={row.who} name={row.name} />
          {hasBadge && (
            <span
              className={`unread-badge${row.muted ? ' unread-badge-muted' : ''}${row.badge === '' ? ' unread-dot' : ''}`}
              data-testid="unread-badge"
              id={badgeId}
              role="img"
              aria-label={row.badge === '' ? t('markedUnread') : t('unreadCount', { n: row.unread })}
            >
              {row.badge}
            </span>
          )}
        </span>
        <UserText className="chat-row-name" id={nameId} text={shownName} />
        <span className="chat-row-time" id={timeId}>
          {row.time !== null ? chatListTime(row.time, now, t) : ''}
          {row.pinned && (
            <span className="chat-row-mark" data-testid="pinned-mark" role="img" aria-label={t('pinnedMark')}>
              📌
            </span>
          )}
          {row.muted && (
            <span className="chat-row-mark" data-testid="muted-mark" role="img" aria-label={t('mutedMark')}>
              🔕
            </span>
          )}
        </span>
        <span className="chat-row-preview" id={previewId}>
          {row.isDraft ? (
            <>
              <span className="chat-row-draft">{t('draftMark')}</span> <UserText text={row.preview} />
            </>
          ) : (
            <>
              {row.outbox && <OutboxMark state={row.outbox} />}
              <UserText text={row.preview} />
            </>
          )}
        </span>
      </button>
    </li>
  );
}
