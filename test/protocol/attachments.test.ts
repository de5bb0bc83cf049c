// The one rule for how a message with files reads as text, shared by the server and clients.
import { describe, expect, it } from 'vitest';
import type { Attachment } from '../../protocol/contract.js';
import { isInlineImage, placeholderContent, withAttachments } from '../../protocol/attachments.js';

const file = (name: string, mime: string): Attachment => ({ id: name, name, mime, size: 1, sha256: '0'.repeat(64) });

describe('attachments on the wire', () => {
  it('shows only PNG, JPEG, GIF and WebP inline', () => {
    for (const mime of ['image/png', 'image/jpeg', 'image/gif', 'image/webp']) expect(isInlineImage(mime)).toBe(true);
    for (const mime of ['image/svg+xml', 'image/bmp', 'text/html', 'application/pdf', 'IMAGE/PNG', ''])
      expect(isInlineImage(mime)).toBe(false);
  });

  it('names each file on its own line, then the caption when there is one', () => {
    const files = [file('a.png', 'image/png'), file('b.pdf', 'application/pdf'), file('c.svg', 'image/svg+xml')];
    expect(placeholderContent(files, 'look')).toBe('[Image] a.png\n[File] b.pdf\n[File] c.svg\nlook');
    expect(placeholderContent([file('a.webp', 'image/webp')], '')).toBe('[Image] a.webp');
  });

  it('leaves a text message as it is and gives a message with files its caption', () => {
    const message = { id: 1, clientId: 'c', user: 2, name: 'Ann', date: 3, content: 'hi', seq: 4 };
    expect(withAttachments(message, [])).toEqual(message);
    const files = [file('x.gif', 'image/gif')];
    expect(withAttachments(message, files)).toEqual({
      ...message,
      content: '[Image] x.gif\nhi',
      caption: 'hi',
      attachments: files,
    });
    expect(withAttachments({ ...message, content: '' }, files)).toMatchObject({
      content: '[Image] x.gif',
      caption: '',
    });
  });
});
