// Browser runtime. The open chat's messages, virtualized: only the rows in view (plus a few)
// are in the page, so a 10,000-message chat opens at once. It starts at the newest message,
// follows new ones while at the bottom, loads older pages near the top without moving what
// the user reads, and offers "New messages" when something arrives while scrolled up.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useNow } from '../common/use-now.js';
import { messageTimeLabel } from '../format/time.js';
import { loadOlder } from '../ipc/commands.js';
import { useText } from '../i18n/use-text.js';
import { selectMessagesWithTimeLabels, selectTimeline, type MessageRow } from '../store/message-selectors.js';
import { useAppStore } from '../store/use-app-store.js';
import { attachmentsHeight } from './attachment-size.js';
import { MessageItem } from './MessageItem.js';

/** Closer than this to the top, the next older page is loaded. */
const loadOlderWithin = 600;
/** Closer than this to the bottom counts as "at the newest message". */
const atBottomWithin = 48;

export function MessageList({ who, peerName }: { who: number; peerName: string }) {
  const t = useText();
  const now = useNow();
  const messageRows = useAppStore(useMemo(() => selectMessagesWithTimeLabels(who), [who]));
  const timeline = useAppStore(useMemo(() => selectTimeline(who), [who]));
  const atStart = timeline.loaded && !timeline.hasMore;
  const rows = useMemo(() => displayRows(messageRows, atStart), [messageRows, atStart]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const lastKey = useRef<string | null>(null);
  const openedAtEnd = useRef(false);
  const [unseen, setUnseen] = useState(false);

  const getItemKey = useCallback((index: number) => rows[index]?.key ?? index, [rows]);
  const estimateSize = useCallback((index: number) => estimatedHeight(rows[index]), [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    // A chat: prepending older rows keeps the reader's place; appending follows at the end.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: atBottomWithin,
    useFlushSync: false,
  });

  const maybeLoadOlder = useCallback(() => {
    const element = scrollRef.current;
    if (element && element.scrollTop < loadOlderWithin) void loadOlder(who);
  }, [who]);

  function onScroll(): void {
    const element = scrollRef.current;
    if (!element) return;
    atBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight <= atBottomWithin;
    if (atBottom.current) setUnseen(false);
    maybeLoadOlder();
  }

  // A chat opens at its newest message (also when rows were already held from events).
  useLayoutEffect(() => {
    if (openedAtEnd.current || rows.length === 0) return;
    virtualizer.scrollToEnd();
    if (timeline.loaded) openedAtEnd.current = true;
  }, [rows.length, timeline.loaded, virtualizer]);

  // A new last row: followed when at the bottom (followOnAppend) or sent by the user;
  // otherwise the "New messages" button appears.
  useLayoutEffect(() => {
    const last = rows.at(-1);
    const key = last?.key ?? null;
    if (key === lastKey.current) return;
    const first = lastKey.current === null;
    lastKey.current = key;
    if (first || !last || last.kind !== 'message') return;
    if (last.own && last.message.state === 'sending') {
      virtualizer.scrollToEnd();
      setUnseen(false);
    } else if (!atBottom.current) setUnseen(true);
  }, [rows, virtualizer]);

  // Opening at the newest message, and short chats that cannot scroll yet: fill the view.
  useEffect(() => {
    if (!timeline.loaded) return;
    const element = scrollRef.current;
    if (
      element &&
      timeline.hasMore &&
      !timeline.loadingOlder &&
      element.scrollHeight <= element.clientHeight + loadOlderWithin
    ) {
      maybeLoadOlder();
    }
  }, [timeline.loaded, timeline.hasMore, timeline.loadingOlder, rows.length, maybeLoadOlder]);

  // A jump (a quote, a search hit) brings its message into the middle of the view.
  const highlight = useAppStore((state) => (state.acts.highlight?.who === who ? state.acts.highlight : null));
  useLayoutEffect(() => {
    if (!highlight) return;
    const index = rows.findIndex((row) => row.kind === 'message' && row.message.id === highlight.id);
    if (index !== -1) virtualizer.scrollToIndex(index, { align: 'center' });
    // Only when a jump happens: rows arriving later must not pull the view back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [highlight?.n]);

  const items = virtualizer.getVirtualItems();
  return (
    <div className="message-area">
      {/* Not a role=log (nor any live region): the virtualizer adds rows to the page as they
          scroll into view, and NVDA, JAWS and VoiceOver read every row added to a log as news,
          whatever its age (an aria-live="off" over role=log is not honoured by all of them). The
          open chat's new messages are said by the announcer instead (renderer/a11y/watch.ts). */}
      <div
        ref={scrollRef}
        className="message-scroller"
        role="region"
        aria-label={t('messagesLog')}
        tabIndex={0}
        onScroll={onScroll}
      >
        <div className="message-canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="message-slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <Row row={row} who={who} now={now} peerName={peerName} />
              </div>
            );
          })}
        </div>
      </div>
      {timeline.loadingOlder && (
        <p className="loading-older" role="status">
          {t('loadingOlder')}
        </p>
      )}
      {unseen && (
        <button
          type="button"
          className="new-messages"
          onClick={() => {
            virtualizer.scrollToEnd();
            setUnseen(false);
            scrollRef.current?.focus();
          }}
        >
          {t('newMessages')}
          <span aria-hidden="true"> ↓</span>
        </button>
      )}
    </div>
  );
}

/**
 * What the virtualizer lays out: each time label rides on the message after it, so every
 * row's key is a message's clientId. Older pages then keep the reader's place even when the
 * view's top row was a label (a label's own key would stay first and anchor nothing).
 */
type DisplayRow =
  { kind: 'start'; key: string } | (Extract<MessageRow, { kind: 'message' }> & { timeBefore: number | null });

function displayRows(rows: readonly MessageRow[], atStart: boolean): DisplayRow[] {
  // The chat's first row says where it begins, once nothing older is left to load.
  const display: DisplayRow[] = atStart ? [{ kind: 'start', key: 'chat-start' }] : [];
  let label: number | null = null;
  for (const row of rows) {
    if (row.kind === 'time') label = row.date;
    else {
      display.push({ ...row, timeBefore: label });
      label = null;
    }
  }
  return display;
}

function estimatedHeight(row: DisplayRow | undefined): number {
  if (row?.kind !== 'message') return 40;
  return 58 + (row.timeBefore !== null ? 34 : 0) + attachmentsHeight(row.message.attachments);
}

function Row({ row, who, now, peerName }: { row: DisplayRow; who: number; now: number; peerName: string }) {
  const t = useText();
  if (row.kind === 'start') return <p className="chat-start">{t('chatStart', { name: peerName })}</p>;
  return (
    <>
      {row.timeBefore !== null && (
        <div className="day-separator time-label">
          <time dateTime={new Date(row.timeBefore).toISOString()}>{messageTimeLabel(row.timeBefore, now, t)}</time>
        </div>
      )}
      <MessageItem message={row.message} own={row.own} who={who} now={now} />
    </>
  );
}
