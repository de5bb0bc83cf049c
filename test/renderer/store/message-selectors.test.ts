// The open chat's rows with time labels, the peer's status, the composer and the banner.
import { describe, expect, it } from 'vitest';
import {
  selectComposerBlock,
  selectConnectionBanner,
  selectMessagesWithTimeLabels,
  selectPeerStatus,
  withTimeLabels,
} from '../../../renderer/store/message-selectors.js';
import { withArrived } from '../../../renderer/store/messages-slice.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { account, sent } from '../fixtures.js';

const at = (day: number, hour: number, minute = 0, second = 0) =>
  new Date(2024, 2, day, hour, minute, second).getTime();

describe('withTimeLabels', () => {
  it('labels the first message, gaps of 5 minutes or more, and each new day', () => {
    const messages = [
      sent(1, { date: at(4, 9) }),
      sent(2, { date: at(4, 9, 4, 59) }),
      sent(3, { date: at(4, 9, 9, 59) }),
      sent(4, { date: at(4, 23, 59) }),
      sent(5, { date: at(5, 0, 1), user: 1 }),
    ];
    const rows = withTimeLabels(messages, 1);
    expect(rows.map((row) => (row.kind === 'time' ? row.key : row.message.clientId))).toEqual([
      'time:c1',
      'c1',
      'c2',
      'time:c3',
      'c3',
      'time:c4',
      'c4',
      'time:c5',
      'c5',
    ]);
    const label = rows.find((row) => row.key === 'time:c3');
    expect(label?.kind === 'time' && label.date).toBe(at(4, 9, 9, 59));
    expect(rows.filter((row) => row.kind === 'message').map((row) => row.kind === 'message' && row.own)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(rows.length);
  });

  it('measures the gap from the last shown message, skipping hidden ones', () => {
    const rows = withTimeLabels(
      [sent(1, { date: at(4, 9) }), sent(2, { date: at(4, 9, 3), hidden: true }), sent(3, { date: at(4, 9, 6) })],
      1,
    );
    expect(rows.map((row) => row.key)).toEqual(['time:c1', 'c1', 'time:c3', 'c3']);
  });

  it('has no rows for an empty chat', () => {
    expect(withTimeLabels([], 1)).toEqual([]);
  });

  it('reads the chat from the store and returns the same rows until it changes', () => {
    const state = initialAppState();
    const withChat: AppState = {
      ...state,
      session: { ...state.session, account },
      messages: withArrived(state.messages, 2, [sent(1)]),
    };
    const select = selectMessagesWithTimeLabels(2);
    const rows = select(withChat);
    expect(rows.map((row) => row.kind)).toEqual(['time', 'message']);
    expect(select({ ...withChat, ui: { ...withChat.ui, section: 'contacts' } })).toBe(rows);
    expect(selectMessagesWithTimeLabels(3)(withChat)).toEqual([]);
  });
});

describe('selectPeerStatus', () => {
  it('says typing while a notice is fresh, else online or offline', () => {
    const state = initialAppState();
    expect(selectPeerStatus(2)(state)).toBe('offline');
    const online = { ...state, contacts: { ...state.contacts, online: { 2: true } } };
    expect(selectPeerStatus(2)(online)).toBe('online');
    expect(selectPeerStatus(2)({ ...online, ui: { ...online.ui, typing: { 2: 5 } } })).toBe('typing');
  });
});

describe('selectComposerBlock and selectConnectionBanner', () => {
  const inState = (connection: AppState['session']['connection'], wasOnline = false, signedIn = true): AppState => {
    const state = initialAppState();
    return { ...state, session: { ...state.session, account: signedIn ? account : null, connection, wasOnline } };
  };

  it('lets the user write online and offline, but not signed out', () => {
    expect(selectComposerBlock(inState('online'))).toBeNull();
    expect(selectComposerBlock(inState('offline'))).toBeNull();
    expect(selectComposerBlock(inState('unauthorized'))).toBe('composerUnauthorized');
    expect(selectComposerBlock(inState('signed-out', false, false))).toBe('composerSignedOut');
  });

  it('shows a banner unless online or making the first connection', () => {
    expect(selectConnectionBanner(inState('online'))).toBeNull();
    expect(selectConnectionBanner(inState('offline'))).toBe('bannerOffline');
    expect(selectConnectionBanner(inState('connecting'))).toBeNull();
    expect(selectConnectionBanner(inState('connecting', true))).toBe('bannerReconnecting');
    expect(selectConnectionBanner(inState('unauthorized'))).toBe('bannerUnauthorized');
  });
});
