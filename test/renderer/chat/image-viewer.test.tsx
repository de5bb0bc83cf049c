// Browser runtime (Vitest's Chromium). The image viewer: a modal dialog named after the file,
// arrows (keys and buttons) move through the chat's images, Save as…, and Esc closes it and
// gives the focus back to the image that opened it.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { useShortcuts } from '../../../renderer/app/use-shortcuts.js';
import { ChatPane } from '../../../renderer/chat/ChatPane.js';
import { forgetThumbnails } from '../../../renderer/files/thumbnails.js';
import { text, type TextKey, type TextParams } from '../../../renderer/i18n/strings.js';
import { openChat } from '../../../renderer/ipc/commands.js';
import * as act from '../../../renderer/store/actions.js';
import { sent } from '../fixtures.js';
import { attachment, pngDataUrl } from '../files/file-fakes.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';

let fake: FakeApi;

function ChatWithShortcuts() {
  useShortcuts();
  return <ChatPane />;
}

const en = (key: TextKey, params?: TextParams) => text('en', key, params);
const viewer = () => screen.queryByRole('dialog');
const shownName = () => viewer()?.querySelector('h2')?.textContent;

beforeEach(async () => {
  fake = setUpStage();
  forgetThumbnails();
  const url = await pngDataUrl(60, 40);
  fake.answer('fileUrl', () => ({ url }));
  fake.answer('loadHistory', () => ({
    messages: [
      sent(1, { content: '', attachments: [attachment('first', { width: 60, height: 40 })] }),
      sent(2, {
        content: 'two more',
        attachments: [
          attachment('notes', { name: 'notes.pdf', mime: 'application/pdf' }),
          attachment('second', { width: 60, height: 40 }),
        ],
      }),
      sent(3, { content: 'just text' }),
      sent(4, { content: '', attachments: [attachment('third', { width: 40, height: 60 })] }),
    ],
    hasMore: false,
  }));
  show(
    <div style={{ display: 'grid', height: 600, width: 760 }}>
      <ChatWithShortcuts />
    </div>,
  );
  await openChat(2, 'bob');
});
afterEach(tearDownStage);

async function openViewerOn(name: string): Promise<HTMLElement> {
  const bubble = await screen.findByRole('button', { name: en('imageLabel', { name }) });
  await userEvent.click(bubble);
  await expect.poll(viewer).not.toBeNull();
  return bubble;
}

describe('the image viewer', () => {
  it('opens as a modal dialog named after the image, with the focus inside', async () => {
    await openViewerOn('second.png');
    const dialog = screen.getByRole('dialog', { name: 'second.png' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    expect(dialog.textContent).toContain(en('viewerPosition', { n: 2, count: 3 }));
    await expect.poll(() => screen.queryByTestId('full-image')?.getAttribute('alt')).toBe('second.png');
  });

  it('moves through the chat’s images with ← and →, and with its buttons', async () => {
    await openViewerOn('first.png');
    const previous = screen.getByRole<HTMLButtonElement>('button', { name: 'Previous image' });
    expect(previous.disabled).toBe(true);
    await userEvent.keyboard('{ArrowRight}');
    await expect.poll(shownName).toBe('second.png');
    await userEvent.keyboard('{ArrowRight}');
    await expect.poll(shownName).toBe('third.png');
    // The last image: → stays.
    await userEvent.keyboard('{ArrowRight}');
    expect(shownName()).toBe('third.png');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Next image' }).disabled).toBe(true);
    await userEvent.keyboard('{ArrowLeft}');
    await expect.poll(shownName).toBe('second.png');
    await userEvent.click(previous);
    await expect.poll(shownName).toBe('first.png');
  });

  it('closes with Esc and gives the focus back to the image that opened it, the chat staying open', async () => {
    const bubble = await openViewerOn('third.png');
    // Alt+↓ would open another chat: the viewer keeps the keys to itself.
    await userEvent.keyboard('{Alt>}{ArrowDown}{/Alt}');
    await userEvent.keyboard('{Escape}');
    await expect.poll(viewer).toBeNull();
    expect(document.activeElement).toBe(bubble);
    expect(act.currentState().ui.openChat?.who).toBe(2);
    // The next Esc is the window's again: it closes the chat.
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => act.currentState().ui.openChat).toBeNull();
  });

  it('closes with its Close button too', async () => {
    await openViewerOn('first.png');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await expect.poll(viewer).toBeNull();
  });

  it('saves the image shown', async () => {
    fake.answer('saveFile', ({ name }) => ({ savedTo: `/home/alice/Pictures/${name}` }));
    await openViewerOn('first.png');
    await userEvent.keyboard('{ArrowRight}');
    await expect.poll(shownName).toBe('second.png');
    await userEvent.click(screen.getByRole('button', { name: 'Save as…' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      en('savedTo', { path: '/home/alice/Pictures/second.png' }),
    );
    expect(fake.named('saveFile')).toEqual([expect.objectContaining({ id: 'second', name: 'second.png' })]);
  });
});
