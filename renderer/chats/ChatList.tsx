// Browser runtime. The middle list in the Chats section: one row per chat record, newest first.
// Virtualized: only the rows in view (plus a few) are in the page, so 1,000 chats paint at
// once. The list is one Tab stop (roving tabindex): ↑/↓, PageUp/PageDown and Home/End move
// focus between rows, also to rows not in the page yet; Enter opens the focused chat.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { EmptyState } from '../common/EmptyState.js';
import { useNow } from '../common/use-now.js';
import { useText } from '../i18n/use-text.js';
import { sectionShown } from '../store/actions.js';
import { selectChatRows } from '../store/chat-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { ChatRowItem } from './ChatRowItem.js';
import { registerRowFocuser } from './focus-chat-row.js';
import { rowAfterKey, tabStopIndex, withKeptRow } from './list-window.js';

/** Every row is this tall: .chat-row-item in styles/chat-list.css. */
export const chatRowHeight = 64;
const rowSize = () => chatRowHeight;

function rowButton(list: HTMLElement | null, who: number): HTMLButtonElement | null {
  return list?.querySelector<HTMLButtonElement>(`[data-who="${who}"] button`) ?? null;
}

function rowWho(target: EventTarget): number | null {
  const item = target instanceof Element ? target.closest<HTMLElement>('[data-who]') : null;
  return item ? Number(item.dataset.who) : null;
}

/** How many whole rows the list shows: what PageUp/PageDown move by. */
function rowsInView(list: HTMLElement | null): number {
  return Math.max(1, Math.floor((list?.clientHeight ?? 0) / chatRowHeight) - 1);
}

export function ChatList() {
  const t = useText();
  const rows = useAppStore(selectChatRows);
  const now = useNow();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusedWho, setFocusedWho] = useState<number | null>(null);
  const focusAfterRender = useRef<number | null>(null);
  const openWho = rows.find((row) => row.isOpen)?.who ?? null;
  const tabStop = tabStopIndex(rows, focusedWho, openWho);

  const getItemKey = useCallback((index: number) => rows[index]?.who ?? index, [rows]);
  const rangeExtractor = useCallback((range: Range) => withKeptRow(defaultRangeExtractor(range), tabStop), [tabStop]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowSize,
    getItemKey,
    rangeExtractor,
    overscan: 6,
    useFlushSync: false,
  });

  const focusRow = useCallback(
    (who: number | null): boolean => {
      const index =
        who === null
          ? tabStop
          : Math.max(
              0,
              rows.findIndex((row) => row.who === who),
            );
      const target = rows[index]?.who;
      if (target === undefined) return false;
      virtualizer.scrollToIndex(index);
      const button = rowButton(scrollRef.current, target);
      if (button) button.focus({ preventScroll: true });
      else {
        focusAfterRender.current = target;
        setFocusedWho(target);
      }
      return true;
    },
    [rows, virtualizer, tabStop],
  );

  useEffect(() => registerRowFocuser(focusRow), [focusRow]);

  // The focused row stays in view when the list gets shorter (a banner above it appears, the
  // window shrinks): the scroll position alone would leave it cut off at the bottom.
  useEffect(() => {
    const list = scrollRef.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      const focused = list.ownerDocument.activeElement;
      if (focused instanceof HTMLElement && list.contains(focused)) focused.scrollIntoView({ block: 'nearest' });
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, []);

  // The row is focused once it is in the page: the virtualizer may need a render (or, just
  // mounted, a measure of the list) before it renders it.
  useLayoutEffect(() => {
    const who = focusAfterRender.current;
    if (who === null) return;
    const button = rowButton(scrollRef.current, who);
    if (button) button.focus({ preventScroll: true });
    if (button || !rows.some((row) => row.who === who)) focusAfterRender.current = null;
  });

  // A chat opened from elsewhere (contacts, the palette, a notification, Alt+↓) is shown in
  // the list. Only when another chat opens: the open chat moving up with a new message must
  // not move the list under the reader. A passive effect: it runs after the closing palette
  // has given focus back (and scrolled) to the row it was opened from. The Tab stop moves to
  // it too: Tab back into the list lands on the chat being read.
  const showOpenChat = useEffectEvent((who: number | null) => {
    const index = rows.findIndex((row) => row.who === who);
    if (index === -1) return;
    virtualizer.scrollToIndex(index);
    setFocusedWho(who);
  });
  useEffect(() => showOpenChat(openWho), [openWho]);

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const who = rowWho(event.target);
    const from = rows.findIndex((row) => row.who === who);
    const to = from === -1 ? null : rowAfterKey(event.key, from, rows.length, rowsInView(scrollRef.current));
    if (to === null) return;
    event.preventDefault();
    focusRow(rows[to]!.who);
  }

  function onFocus(event: FocusEvent<HTMLUListElement>): void {
    const who = rowWho(event.target);
    if (who !== null) setFocusedWho(who);
  }

  return (
    <div ref={scrollRef} className="list-scroller chat-list-scroller">
      {rows.length === 0 && (
        <EmptyState
          picture="chats"
          text={t('emptyChatsTitle')}
          action={{ label: t('emptyChatsAction'), onClick: () => sectionShown('contacts') }}
        />
      )}
      <ul
        className="chat-list"
        role="list"
        aria-label={t('chatsList')}
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            row && (
              <ChatRowItem
                key={item.key}
                row={row}
                now={now}
                position={item.index + 1}
                count={rows.length}
                top={item.start}
                tabbable={item.index === tabStop}
              />
            )
          );
        })}
      </ul>
    </div>
  );
}
