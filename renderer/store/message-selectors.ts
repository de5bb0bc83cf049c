// Browser runtime, but pure. The open chat as rows (messages with WeChat-style time labels
// where 5 minutes pass or a day begins), the peer's status line, and whether the composer may send.
import type { ChatMessage } from '../../main/ipc/contract.js';
import type { ServerNotice } from '../../main/ipc/desktop-contract.js';
import { needsTimeLabel } from '../format/time.js';
import type { TextKey } from '../i18n/strings.js';
import { derive } from './derive.js';
import { timelineOf } from './messages-slice.js';
import type { AppState } from './state.js';
import type { Timeline } from './timeline.js';

export type MessageRow =
  { kind: 'time'; key: string; date: number } | { kind: 'message'; key: string; message: ChatMessage; own: boolean };

/** A time label before the first message, and wherever 5 minutes or a new day pass between two. */
export function withTimeLabels(messages: readonly ChatMessage[], me: number | null): MessageRow[] {
  const rows: MessageRow[] = [];
  let previous: number | null = null;
  for (const message of messages) {
    // Deleted for this user (a core that keeps such copies marks them `hidden`): not shown.
    if (message.hidden) continue;
    if (needsTimeLabel(previous, message.date)) {
      rows.push({ kind: 'time', key: `time:${message.clientId}`, date: message.date });
    }
    previous = message.date;
    rows.push({ kind: 'message', key: message.clientId, message, own: message.user === me });
  }
  return rows;
}

export function selectMessagesWithTimeLabels(who: number) {
  return derive(
    (state: AppState) => [timelineOf(state.messages, who).messages, state.session.account?.user.id ?? null] as const,
    withTimeLabels,
  );
}

export function selectTimeline(who: number) {
  return (state: AppState): Timeline => timelineOf(state.messages, who);
}

export type PeerStatus = 'typing' | 'online' | 'offline';

export function selectPeerStatus(who: number) {
  return (state: AppState): PeerStatus => {
    if (who in state.ui.typing) return 'typing';
    return state.contacts.online[who] ? 'online' : 'offline';
  };
}

/** Why the composer cannot send, or null when it can (offline is fine: the outbox waits). */
export function selectComposerBlock(state: AppState): TextKey | null {
  if (!state.session.account || state.session.connection === 'signed-out') return 'composerSignedOut';
  if (state.session.connection === 'unauthorized') return 'composerUnauthorized';
  return null;
}

/** Why the server went away, while not online: what it said before it closed. */
export function selectServerNotice(state: AppState): ServerNotice | null {
  return state.session.connection === 'online' ? null : state.desktop.serverNotice;
}

/**
 * The connection banner's sentence, or null while online. Nothing while the first connection
 * is made: the core says `offline` once its grace period is over (offline-grace.ts), so a
 * launch shows no banner unless the server stays unreachable.
 */
export function selectConnectionBanner(state: AppState): TextKey | null {
  switch (state.session.connection) {
    case 'offline':
      return 'bannerOffline';
    case 'connecting':
      return state.session.wasOnline ? 'bannerReconnecting' : null;
    case 'unauthorized':
      return 'bannerUnauthorized';
    default:
      return null;
  }
}

export function selectDraft(who: number) {
  return (state: AppState): string => state.ui.drafts[who] ?? '';
}
