// Browser runtime (Vitest's Chromium). Files in the composer: picked with the paperclip, pasted
// or dropped onto the chat, shown in the strip (removable), and sent with the text as caption.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { limits } from '../../../main/ipc/rules.js';
import { ChatPane } from '../../../renderer/chat/ChatPane.js';
import { Composer } from '../../../renderer/chat/Composer.js';
import { text, type TextKey, type TextParams } from '../../../renderer/i18n/strings.js';
import * as act from '../../../renderer/store/actions.js';
import { unsent } from '../fixtures.js';
import { pick, pngBlob, stagesFiles, transferOf } from '../files/file-fakes.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';

let fake: FakeApi;
const en = (key: TextKey, params?: TextParams) => text('en', key, params);
const items = () => screen.queryAllByTestId('staged-item');
const readyItems = () => items().filter((item) => item.dataset.state === 'ready');
const sendButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Send' });
const picker = () => screen.getByTestId<HTMLInputElement>('file-picker');
const pdf = (name: string) => new File(['%PDF-1.7 …'], name, { type: 'application/pdf' });

beforeEach(() => {
  fake = setUpStage();
  stagesFiles(fake);
  fake.answer('send', ({ content }) => unsent('with-files', Date.now(), { content }));
  fake.answer('loadHistory', () => ({ messages: [], hasMore: false }));
});
afterEach(tearDownStage);

describe('the preview strip', () => {
  it('shows each picked file with its name and size, and removes one on request', async () => {
    show(<Composer who={2} />);
    const paperclip = screen.getByRole('button', { name: 'Attach files' });
    expect(paperclip.tabIndex).toBe(0);
    pick(picker(), [pdf('plan.pdf'), pdf('notes.pdf')]);
    await expect.poll(() => readyItems().length).toBe(2);
    expect(screen.getByRole('list', { name: 'Files to send' })).toBeTruthy();
    expect(items().map((item) => item.querySelector('.staged-name')?.textContent)).toEqual(['plan.pdf', 'notes.pdf']);
    expect(items()[0]!.querySelector('.staged-size')?.textContent).toBe('12 B');

    await userEvent.click(screen.getByRole('button', { name: en('removeAttachment', { name: 'plan.pdf' }) }));
    await expect
      .poll(() => items().map((item) => item.querySelector('.staged-name')?.textContent))
      .toEqual(['notes.pdf']);
    expect(fake.named('dropFile')).toEqual([{ stagedId: 'staged-1' }]);
  });

  it(`takes at most ${limits.attachmentsMax} files and says so`, async () => {
    show(<Composer who={2} />);
    pick(
      picker(),
      Array.from({ length: limits.attachmentsMax + 2 }, (_, i) => pdf(`f${i}.pdf`)),
    );
    await expect.poll(() => readyItems().length).toBe(limits.attachmentsMax);
    expect(screen.getByRole('status').textContent).toBe(en('tooManyFiles'));
    expect(fake.named('beginFile')).toHaveLength(limits.attachmentsMax);
  });

  it('adds an image pasted into the message box, with a thumbnail from the staged copy', async () => {
    const png = await pngBlob(40, 20);
    fake.answer('finishFile', ({ stagedId }) => ({
      stagedId,
      name: 'shot.png',
      size: png.size,
      mime: 'image/png',
      sha256: 'f'.repeat(64),
      width: 40,
      height: 20,
      url: URL.createObjectURL(png),
    }));
    show(<Composer who={2} />);
    const box = screen.getByRole('textbox', { name: 'Message' });
    const pasted = new ClipboardEvent('paste', {
      clipboardData: transferOf([new File([png], 'image.png', { type: 'image/png' })]),
      bubbles: true,
      cancelable: true,
    });
    box.dispatchEvent(pasted);
    await expect.poll(() => readyItems().length).toBe(1);
    expect(pasted.defaultPrevented).toBe(true);
    expect(fake.named('beginFile')).toEqual([
      { name: expect.stringMatching(/^Pasted image .*\.png$/), size: png.size },
    ]);
    expect(items()[0]!.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/);
    // The box now asks for the files' caption.
    expect(screen.getByRole('textbox', { name: 'Caption' })).toBe(box);
  });

  it('shows a drop overlay while files are dragged over the chat, and takes them on drop', async () => {
    act.chatShown({ who: 2, name: 'bob' });
    show(<ChatPane />);
    const chat = screen.getByRole('main');
    const transfer = transferOf([pdf('dropped.pdf')]);
    chat.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    const overlay = await screen.findByTestId('drop-overlay');
    expect(overlay.textContent).toBe(en('dropFilesHere', { name: 'bob' }));
    chat.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    await expect.poll(() => readyItems().length).toBe(1);
    expect(screen.queryByTestId('drop-overlay')).toBeNull();
  });
});

describe('sending files', () => {
  it('sends the files with an empty caption, and empties the strip', async () => {
    show(<Composer who={2} />);
    expect(sendButton().disabled).toBe(true);
    pick(picker(), [pdf('a.pdf'), pdf('b.pdf')]);
    await expect.poll(() => readyItems().length).toBe(2);
    expect(sendButton().disabled).toBe(false);
    screen.getByRole('textbox').focus();
    await userEvent.keyboard('{Enter}');
    await expect
      .poll(() => fake.named('send'))
      .toEqual([{ to: 2, content: '', attachments: [{ stagedId: 'staged-1' }, { stagedId: 'staged-2' }] }]);
    expect(items()).toHaveLength(0);
  });

  it('sends the text as the caption with Send', async () => {
    show(<Composer who={2} />);
    pick(picker(), [pdf('minutes.pdf')]);
    await expect.poll(() => readyItems().length).toBe(1);
    await userEvent.type(screen.getByRole('textbox'), 'From Monday');
    await userEvent.click(sendButton());
    await expect
      .poll(() => fake.named('send'))
      .toEqual([{ to: 2, content: 'From Monday', attachments: [{ stagedId: 'staged-1' }] }]);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox').value).toBe('');
  });

  it('gives the files and the caption back when the send is refused', async () => {
    fake.fail('send', 'not_found');
    show(<Composer who={2} />);
    pick(picker(), [pdf('gone.pdf')]);
    await expect.poll(() => readyItems().length).toBe(1);
    await userEvent.type(screen.getByRole('textbox'), 'here');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => fake.named('send')).toHaveLength(1);
    await expect.poll(() => readyItems().length).toBe(1);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox').value).toBe('here');
  });
});
