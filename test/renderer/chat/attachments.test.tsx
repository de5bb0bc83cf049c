// Browser runtime (Vitest's Chromium). Messages with files: image bubbles keep the image's
// proportions before anything loads and fill with a small canvas-made copy; file bubbles open,
// save, show progress and cancel; the caption sits under the files.
import { screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ChatMessage } from '../../../main/ipc/contract.js';
import { MessageItem } from '../../../renderer/chat/MessageItem.js';
import { forgetThumbnails, thumbnailSide } from '../../../renderer/files/thumbnails.js';
import { text, type TextKey, type TextParams } from '../../../renderer/i18n/strings.js';
import * as act from '../../../renderer/store/actions.js';
import { sendingShown } from '../../../renderer/store/file-actions.js';
import { me, sent, unsent } from '../fixtures.js';
import { attachment, pngDataUrl } from '../files/file-fakes.js';
import type { FakeApi } from '../ipc/fake-api.js';
import { setUpStage, show, tearDownStage } from './chat-stage.js';

let fake: FakeApi;
const en = (key: TextKey, params?: TextParams) => text('en', key, params);
const report = attachment('report', { name: 'report.pdf', mime: 'application/pdf', size: 2_400_000 });
delete report.width;
delete report.height;

function showMessage(message: ChatMessage, own = false) {
  act.messagesArrived(2, [message]);
  return show(
    <div style={{ width: 700 }}>
      <MessageItem message={message} own={own} who={2} now={Date.now()} />
    </div>,
  );
}

beforeEach(() => {
  fake = setUpStage();
  forgetThumbnails();
});
afterEach(tearDownStage);

describe('image bubbles', () => {
  it('have the image’s proportions before anything has loaded', () => {
    fake.answer('fileUrl', () => new Promise<never>(() => {}) as never);
    showMessage(sent(1, { content: '', attachments: [attachment('wide', { width: 1200, height: 600 })] }));
    const box = screen.getByTestId('image-bubble').getBoundingClientRect();
    expect(Math.round(box.width)).toBe(240);
    expect(Math.round(box.height)).toBe(120);
    expect(screen.getByTestId('image-bubble').querySelector('img')).toBeNull();
  });

  it('keep a small image at its own size', () => {
    fake.answer('fileUrl', () => new Promise<never>(() => {}) as never);
    showMessage(sent(1, { content: '', attachments: [attachment('icon', { width: 100, height: 150 })] }));
    const box = screen.getByTestId('image-bubble').getBoundingClientRect();
    expect([Math.round(box.width), Math.round(box.height)]).toEqual([100, 150]);
  });

  it('show a thumbnail drawn on the client, at most thumbnailSide pixels', async () => {
    const full = await pngDataUrl(800, 400);
    fake.answer('fileUrl', () => ({ url: full }));
    const image = attachment('photo', { width: 800, height: 400 });
    showMessage(sent(1, { content: '', attachments: [image] }));
    const bubble = screen.getByRole('button', { name: en('imageLabel', { name: 'photo.png' }) });
    const before = bubble.getBoundingClientRect().toJSON() as DOMRect;
    await expect.poll(() => bubble.querySelector('img')?.getAttribute('src') ?? '').toMatch(/^data:image\//);
    const thumbnail = bubble.querySelector('img')!;
    await thumbnail.decode();
    expect([thumbnail.naturalWidth, thumbnail.naturalHeight]).toEqual([thumbnailSide, thumbnailSide / 2]);
    // Nothing moved when it arrived.
    expect(bubble.getBoundingClientRect().toJSON()).toEqual(before);
    expect(fake.named('fileUrl')).toEqual([
      { id: 'photo', sha256: image.sha256, name: 'photo.png', size: image.size, mime: 'image/png' },
    ]);
  });

  it('show the user’s own image from its staged copy while it uploads, then the stored one', async () => {
    const staged = await pngDataUrl(30, 20);
    const stored = await pngDataUrl(60, 40);
    fake.answer('fileUrl', () => ({ url: stored }));
    const uploading = attachment('mine', { id: null, width: 60, height: 40, sent: 0 });
    sendingShown('up-2', [staged]);
    const { rerender } = showMessage(unsent('up-2', Date.now(), { content: '', attachments: [uploading] }), true);
    const pending = screen.getByRole('img', { name: en('imageLabel', { name: 'mine.png' }) });
    expect(pending.querySelector('img')?.getAttribute('src')).toBe(staged);

    const done = sent(9, { clientId: 'up-2', user: me.id, content: '', attachments: [attachment('mine')] });
    act.messagesArrived(2, [done]);
    rerender(<MessageItem message={done} own who={2} now={Date.now()} />);
    const bubble = screen.getByRole('button', { name: en('imageLabel', { name: 'mine.png' }) });
    await expect.poll(() => bubble.querySelector('img')?.getAttribute('src') ?? '').toMatch(/^data:image\/webp/);
    expect(act.currentState().files.sending).toEqual({});
  });

  it('put the caption under the files', () => {
    fake.answer('fileUrl', () => new Promise<never>(() => {}) as never);
    showMessage(sent(1, { content: 'The view from here', attachments: [attachment('view')] }));
    const files = document.querySelector('.message-attachments')!;
    const caption = screen.getByText('The view from here');
    expect(files.compareDocumentPosition(caption) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});

describe('file bubbles', () => {
  it('show the type, name and size, and open the file', async () => {
    showMessage(sent(1, { content: '', attachments: [report] }));
    const bubble = screen.getByTestId('file-bubble');
    expect(bubble.querySelector('.file-name')?.textContent).toBe('report.pdf');
    expect(bubble.querySelector('.file-size')?.textContent).toBe('2.3 MB');
    expect(bubble.querySelector('.file-type-icon')?.getAttribute('data-kind')).toBe('pdf');
    await userEvent.click(screen.getByRole('button', { name: en('openFileLabel', { name: 'report.pdf' }) }));
    await expect
      .poll(() => fake.named('openFile'))
      .toEqual([
        { id: 'report', sha256: report.sha256, name: 'report.pdf', size: report.size, mime: 'application/pdf' },
      ]);
  });

  it('save as…, then say where it went', async () => {
    fake.answer('saveFile', () => ({ savedTo: '/home/alice/Downloads/report.pdf' }));
    showMessage(sent(1, { content: '', attachments: [report] }));
    await userEvent.click(screen.getByRole('button', { name: en('saveFileAsLabel', { name: 'report.pdf' }) }));
    expect((await screen.findByRole('status')).textContent).toBe(
      en('savedTo', { path: '/home/alice/Downloads/report.pdf' }),
    );
    expect(fake.named('saveFile')).toHaveLength(1);
  });

  it('say nothing when Save as… was cancelled, and why when it failed', async () => {
    fake.answer('saveFile', () => null);
    showMessage(sent(1, { content: '', attachments: [report] }));
    const save = screen.getByRole('button', { name: en('saveFileAsLabel', { name: 'report.pdf' }) });
    await userEvent.click(save);
    await expect.poll(() => fake.named('saveFile')).toHaveLength(1);
    expect(screen.queryByRole('status')).toBeNull();
    fake.fail('saveFile', 'not_found');
    await userEvent.click(save);
    expect((await screen.findByRole('status')).textContent).toBe(en('fileGone'));
  });

  it('show the download’s progress from main', async () => {
    showMessage(sent(1, { content: '', attachments: [report] }));
    fake.emit('fileProgress', { id: 'report', received: 600_000, total: 2_400_000 });
    const bar = await screen.findByRole<HTMLProgressElement>('progressbar');
    expect(bar.value).toBe(600_000);
    fake.emit('fileProgress', { id: 'report', received: 2_400_000, total: 2_400_000 });
    await expect.poll(() => screen.queryByRole('progressbar')).toBeNull();
  });

  it('offer Cancel from the send on, and say so when the upload finished first', async () => {
    fake.fail('cancelSend', 'conflict');
    // No progress reported yet: no `sent`.
    showMessage(unsent('up-3', Date.now(), { content: '', attachments: [{ ...report, id: null }] }), true);
    expect(screen.getByRole<HTMLProgressElement>('progressbar').value).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: en('cancelUpload', { name: 'report.pdf' }) }));
    expect((await screen.findByRole('status')).textContent).toBe(en('cancelTooLate'));
    expect(act.currentState().messages.byChat[2]?.messages).toHaveLength(1);
  });

  it('show the upload’s progress while sending, and cancel it', async () => {
    const uploading = unsent('up-1', Date.now(), {
      content: '',
      attachments: [{ ...report, id: null, sent: 1_200_000 }],
    });
    showMessage(uploading, true);
    const bar = screen.getByRole<HTMLProgressElement>('progressbar');
    expect(bar.value).toBe(1_200_000);
    expect(screen.queryByRole('button', { name: en('openFileLabel', { name: 'report.pdf' }) })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: en('cancelUpload', { name: 'report.pdf' }) }));
    await expect.poll(() => fake.named('cancelSend')).toEqual([{ clientId: 'up-1' }]);
    await expect.poll(() => act.currentState().messages.byChat[2]?.messages).toEqual([]);
    expect(me.id).toBe(uploading.user);
  });
});
