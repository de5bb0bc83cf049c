// The chat list shows a message still in the outbox (sending or failed) as the chat's preview,
// with its time; once stored, or when a newer stored message came, the row is as before.
import { describe, expect, it } from 'vitest';
import { selectChatRows } from '../../../renderer/store/chat-selectors.js';
import { withArrived } from '../../../renderer/store/messages-slice.js';
import { initialAppState, type AppState } from '../../../renderer/store/state.js';
import { chat, copy, sent, unsent } from '../fixtures.js';
import type { ChatMessage } from '../../../main/ipc/contract.js';

const stored = copy(3, { content: 'stored one', date: 1_000 });
const bob = chat(2, 'bob', { updatedAt: 1_000, lastSeq: 3, last: stored });

function rowWith(messages: ChatMessage[], fields: Partial<AppState> = {}) {
  const state = initialAppState();
  return selectChatRows({
    ...state,
    chats: { list: [bob] },
    messages: withArrived(state.messages, 2, messages),
    ...fields,
  })[0]!;
}

describe('the outbox in the chat list', () => {
  it('previews a message waiting to be sent, with a clock and its time', () => {
    const row = rowWith([sent(3, { date: 1_000 }), unsent('u1', 2_000, { content: 'on  its\nway' })]);
    expect(row).toMatchObject({ preview: 'on its way', outbox: 'sending', time: 2_000, isDraft: false });
  });

  it('marks a failed one', () => {
    const row = rowWith([unsent('u1', 2_000, { state: 'failed', failure: { code: 'offline', message: '' } })]);
    expect(row).toMatchObject({ preview: 'u1', outbox: 'failed' });
  });

  it('previews an unsent image as [Image] and its caption', () => {
    const attachments = [
      { id: null, name: 'cat.png', mime: 'image/png', size: 10 },
    ] as unknown as ChatMessage['attachments'];
    const row = rowWith([unsent('u1', 2_000, { content: 'look', attachments })]);
    expect(row.preview).toBe('[Image] look');
  });

  it('shows the stored message again once the unsent one is stored', () => {
    const row = rowWith([unsent('u1', 2_000), { ...unsent('u1', 2_000), id: 4, seq: 4, state: 'sent' }]);
    expect(row).toMatchObject({ outbox: null, preview: 'stored one' });
  });

  it('leaves a hidden or older unsent message out, and a draft wins', () => {
    expect(rowWith([unsent('u1', 2_000, { hidden: true })]).outbox).toBeNull();
    expect(rowWith([unsent('u1', 500)])).toMatchObject({ outbox: null, preview: 'stored one' });
    const state = initialAppState();
    const drafted = rowWith([unsent('u1', 2_000)], { ui: { ...state.ui, drafts: { 2: 'half a thought' } } });
    expect(drafted).toMatchObject({ outbox: null, isDraft: true, preview: 'half a thought' });
  });
});
