// Browser runtime (Vitest's Chromium). A message's menu under the mouse and the keyboard, each
// action shown only where the server allows it; replies and their quote jump; recalled lines
// with Re-edit; the edited mark; read ticks.
import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ChatMessage, HistoryPage } from '../../../main/ipc/contract.js';
import { ChatPane } from '../../../renderer/chat/ChatPane.js';
import { ForwardDialog } from '../../../renderer/chat/ForwardDialog.js';
import * as act from '../../../renderer/store/actions.js';
import { useAppStore } from '../../../renderer/store/use-app-store.js';
import { chat, me, sent } from '../fixtures.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';

let fake: FakeApi;

/** The open chat (its message menu is inside it) and the forward dialog, as the layout has them. */
function Stage() {
  const forward = useAppStore((state) => state.acts.forward);
  return (
    <div style={{ display: 'grid', height: 600, width: 700 }}>
      <ChatPane />
      {forward && <ForwardDialog who={forward.who} id={forward.id} />}
    </div>
  );
}

const mine = (seq: number, fields: Partial<ChatMessage> = {}) =>
  sent(seq, { user: me.id, name: me.name, date: Date.now(), content: `mine ${seq}`, ...fields });

function openWith(messages: ChatMessage[], hasMore = false): void {
  const page: HistoryPage = { messages, hasMore };
  fake.answer('loadHistory', () => page);
  act.chatsChanged([chat(2, 'bob'), chat(3, 'carol')]);
  act.chatShown({ who: 2, name: 'bob' });
  act.historyLoaded(2, page, 'newest');
  show(<Stage />);
}

const message = (content: string) => {
  const found = screen
    .getAllByTestId('message')
    .find((element) => element.querySelector('.message-text')?.textContent === content);
  if (!found) throw new Error(`no message "${content}"`);
  return found;
};
const menuItems = () =>
  within(screen.getByRole('menu'))
    .getAllByRole('menuitem')
    .map((item) => item.textContent);

beforeEach(() => {
  fake = setUpStage();
});
afterEach(tearDownStage);

describe('the message menu', () => {
  it('offers all six actions on the user’s own new text message (right-click)', async () => {
    openWith([mine(1)]);
    await userEvent.click(message('mine 1'), { button: 'right' });
    expect(menuItems()).toEqual(['Reply', 'Copy', 'Forward…', 'Edit', 'Recall', 'Delete for me']);
  });

  it('offers no Edit or Recall on the peer’s message, nor on the user’s own once the windows passed', async () => {
    const old = Date.now() - 20 * 60 * 1000;
    openWith([sent(1, { content: 'from bob', date: Date.now() }), mine(2, { date: old })]);
    await userEvent.click(message('from bob'), { button: 'right' });
    expect(menuItems()).toEqual(['Reply', 'Copy', 'Forward…', 'Delete for me']);
    await userEvent.keyboard('{Escape}');
    await userEvent.click(message('mine 2'), { button: 'right' });
    expect(menuItems()).toEqual(['Reply', 'Copy', 'Forward…', 'Delete for me']);
  });

  it('edits only text: a message with files offers Recall but not Edit', async () => {
    const file = { id: 'f1', name: 'a.pdf', mime: 'application/pdf', size: 10 };
    openWith([mine(1, { content: 'see file', attachments: [file] as never })]);
    await userEvent.click(message('see file'), { button: 'right' });
    expect(menuItems()).toEqual(['Reply', 'Copy', 'Forward…', 'Recall', 'Delete for me']);
  });

  it('opens with Shift+F10 on a focused message, moves with the arrows, and Esc gives focus back', async () => {
    openWith([mine(1)]);
    message('mine 1').focus();
    await userEvent.keyboard('{Shift>}{F10}{/Shift}');
    const menu = screen.getByRole('menu');
    // In the conversation's landmark, as its messages are (axe: all content in landmarks).
    expect(menu.closest('main')).toBe(screen.getByRole('main'));
    expect(document.activeElement?.textContent).toBe('Reply');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Copy');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Delete for me');
    await userEvent.keyboard('{Escape}');
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(message('mine 1'));
  });

  it('opens from the ⋯ button too, and Recall asks the core with the message id', async () => {
    openWith([mine(7)]);
    // Shown on hover (and on focus).
    await userEvent.hover(message('mine 7'));
    await userEvent.click(within(message('mine 7')).getByRole('button', { name: 'More actions' }));
    await userEvent.click(screen.getByRole('menuitem', { name: 'Recall' }));
    await expect.poll(() => fake.named('recall')).toEqual([{ who: 2, id: 7 }]);
  });

  it('copies the text to the clipboard', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    openWith([mine(1, { content: 'copy me' })]);
    await userEvent.click(message('copy me'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Copy' }));
    await expect.poll(() => writeText.mock.calls).toEqual([['copy me']]);
    writeText.mockRestore();
  });

  it('forwards to the chat picked in the dialog', async () => {
    openWith([sent(4, { content: 'pass it on', date: Date.now() })]);
    await userEvent.click(message('pass it on'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Forward…' }));
    await userEvent.click(screen.getByRole('button', { name: /Forward to .*carol/ }));
    await expect.poll(() => fake.named('forward')).toEqual([{ from: 2, id: 4, to: 3 }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Delete for me asks the core to hide it; a hidden copy vanishes', async () => {
    openWith([sent(1, { content: 'keep' }), sent(2, { content: 'drop' })]);
    await userEvent.click(message('drop'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Delete for me' }));
    await expect.poll(() => fake.named('hideMessage')).toEqual([{ who: 2, id: 2 }]);
    fake.emit('messages', { who: 2, messages: [{ ...sent(2, { content: '' }), hidden: true }] });
    await expect.poll(() => screen.getAllByTestId('message').length).toBe(1);
  });
});

describe('replies', () => {
  it('shows a quote bar, Esc cancels it, and a reply is sent with replyTo', async () => {
    fake.answer('send', ({ content }) => ({ ...mine(9, { content }), id: null, seq: null, state: 'sending' }));
    openWith([sent(5, { content: 'lunch?' })]);
    await userEvent.click(message('lunch?'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Reply' }));
    expect(screen.getByTestId('compose-bar').textContent).toBe('Reply to \u2068bob\u2069lunch?');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByTestId('compose-bar')).toBeNull();

    await userEvent.click(message('lunch?'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Reply' }));
    await userEvent.keyboard('yes{Enter}');
    await expect.poll(() => fake.named('send')).toEqual([{ to: 2, content: 'yes', replyTo: 5 }]);
    expect(screen.queryByTestId('compose-bar')).toBeNull();
  });

  it('shows the quote on a reply; a click jumps to the original and highlights it', async () => {
    const quote = { id: 1, user: 2, name: 'bob', excerpt: 'the original' };
    openWith([sent(1, { content: 'the original' }), mine(2, { content: 'an answer', replyTo: quote })]);
    const quoteButton = screen.getByRole('button', { name: /Quote of .*bob.*: .*the original/ });
    await userEvent.click(quoteButton);
    await expect.poll(() => message('the original').classList.contains('message-highlighted')).toBe(true);
  });

  it('loads older pages to reach a quoted message not held yet', async () => {
    const quote = { id: 1, user: 2, name: 'bob', excerpt: 'long ago' };
    fake.answer('loadHistory', ({ beforeSeq }) =>
      beforeSeq ? { messages: [sent(1, { content: 'long ago' })], hasMore: false } : { messages: [], hasMore: false },
    );
    openWith([mine(2, { content: 'an answer', replyTo: quote })], true);
    fake.answer('loadHistory', ({ beforeSeq }) =>
      beforeSeq ? { messages: [sent(1, { content: 'long ago' })], hasMore: false } : { messages: [], hasMore: false },
    );
    await userEvent.click(screen.getByRole('button', { name: /Quote of/ }));
    await expect.poll(() => message('long ago').classList.contains('message-highlighted')).toBe(true);
  });
});

describe('recall, edit and read state', () => {
  it('shows a recalled message in place, with Re-edit for its sender putting the text back', async () => {
    openWith([mine(3, { content: 'oops typo' }), sent(4, { content: 'bob said' })]);
    await userEvent.click(message('oops typo'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Recall' }));
    fake.emit('messages', { who: 2, messages: [mine(3, { content: '', recalled: true })] });
    fake.emit('messages', { who: 2, messages: [sent(4, { content: '', recalled: true })] });
    await expect
      .poll(() => screen.getAllByTestId('recalled').map((line) => line.querySelector('span')?.textContent))
      .toEqual(['You recalled a message', '\u2068bob\u2069 recalled a message']);
    expect(screen.getAllByRole('button', { name: 'Re-edit' })).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Re-edit' }));
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' }).value).toBe('oops typo');
  });

  it('reads the recalled line in 中文', async () => {
    act.settingsChanged({ ...useAppStoreSettings(), language: 'zh' });
    openWith([mine(3, { content: '', recalled: true }), sent(4, { content: '', recalled: true })]);
    expect(screen.getAllByTestId('recalled').map((line) => line.querySelector('span')?.textContent)).toEqual([
      '你撤回了一条消息',
      '\u2068bob\u2069 撤回了一条消息',
    ]);
  });

  it('edits through the composer and marks edited messages', async () => {
    openWith([mine(3, { content: 'helo' }), sent(4, { content: 'fixed', editedAt: Date.now() })]);
    expect(within(message('fixed')).getByTestId('edited').textContent).toBe('edited');
    expect(within(message('helo')).queryByTestId('edited')).toBeNull();
    await userEvent.click(message('helo'), { button: 'right' });
    await userEvent.click(screen.getByRole('menuitem', { name: 'Edit' }));
    expect(screen.getByTestId('compose-bar').textContent).toContain('Editing message');
    await userEvent.keyboard('{Control>}a{/Control}hello{Enter}');
    await expect.poll(() => fake.named('editMessage')).toEqual([{ who: 2, id: 3, content: 'hello' }]);
    expect(fake.named('send')).toEqual([]);
  });

  it('ticks: sending, sent, and read once the peer has read up to it', async () => {
    openWith([mine(1), mine(2), { ...mine(3), id: null, seq: null, state: 'sending', clientId: 'x' }]);
    const ticks = () =>
      screen.getAllByTestId('ticks').map((tick) => `${tick.dataset.readState}:${tick.getAttribute('aria-label')}`);
    expect(ticks()).toEqual(['sent:Sent', 'sent:Sent', 'sending:Sending']);
    act.chatsChanged([chat(2, 'bob', { peerReadId: 1 }), chat(3, 'carol')]);
    await expect.poll(ticks).toEqual(['read:Read', 'sent:Sent', 'sending:Sending']);
  });
});

function useAppStoreSettings() {
  return act.currentState().settings;
}
