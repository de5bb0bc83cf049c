// The renderer orders chats by the protocol's one comparator, byRecency from main/ipc/rules:
// put another rule in its place and the chat list and the jump palette both follow it.
import { describe, expect, it, vi } from 'vitest';
import type * as rules from '../../../main/ipc/rules.js';
import * as act from '../../../renderer/store/actions.js';
import { selectChatRows } from '../../../renderer/store/chat-selectors.js';
import { selectJumpTargets } from '../../../renderer/store/contact-selectors.js';
import { appStore } from '../../../renderer/store/store.js';
import { chat } from '../fixtures.js';

// Oldest first: the opposite of the real rule, so only a renderer that uses it passes.
vi.mock('../../../main/ipc/rules.js', async (importOriginal) => ({
  ...(await importOriginal<typeof rules>()),
  byRecency: (a: { updatedAt: number; id: number }, b: { updatedAt: number; id: number }) =>
    a.updatedAt - b.updatedAt || a.id - b.id,
}));

describe('chat order', () => {
  const chats = [
    chat(2, 'Bob', { updatedAt: 30 }),
    chat(3, 'Carol', { updatedAt: 10 }),
    chat(4, 'Dave', { updatedAt: 20 }),
  ];

  it('comes from the shared comparator in the chat list and the palette', () => {
    act.storeReset();
    act.chatsChanged(chats);
    const state = appStore.getState();
    expect(selectChatRows(state).map((row) => row.name)).toEqual(['Carol', 'Dave', 'Bob']);
    expect(selectJumpTargets('')(state).map((target) => target.name)).toEqual(['Carol', 'Dave', 'Bob']);
  });
});
