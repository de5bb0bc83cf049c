// The byte bound of a history page counts what a message with files adds: its caption and its
// attachments' JSON, not only the placeholder content.
import { describe, expect, it } from 'vitest';
import type { Attachment, Message } from '../../../protocol/contract.js';
import { capHistoryPage, contentBytes, messageBytes } from '../../../server/chat/history-cap.js';

function message(seq: number, extra: Partial<Message> = {}): Message {
  return { id: seq, clientId: `c${seq}`, user: 1, name: 'Alice', date: seq, content: 'hi', seq, ...extra };
}

const file = (name: string): Attachment => ({ id: 'f1', name, size: 1, mime: 'application/pdf', sha256: 'ab' });

describe('history page bytes', () => {
  it('counts a text message by its content alone', () => {
    expect(messageBytes(message(1))).toBe(contentBytes('hi'));
  });

  it('counts the caption and the attachments of a message with files', () => {
    const attachments = [file('x'.repeat(200))];
    const withFiles = message(1, { content: `[File] ${'x'.repeat(200)}\nhello`, caption: 'hello', attachments });
    expect(messageBytes(withFiles)).toBe(
      contentBytes(withFiles.content) + contentBytes('hello') + Buffer.byteLength(JSON.stringify(attachments)),
    );
  });

  it('stops a page of messages with long file names sooner than their content alone would', () => {
    const attachments = [file('n'.repeat(250))];
    const page = {
      messages: [1, 2, 3, 4].map((seq) => message(seq, { content: '[File] n', caption: '', attachments })),
      hasMore: false,
    };
    const onePlus = messageBytes(page.messages[0]!) * 2 + 1;
    const capped = capHistoryPage(page, false, onePlus);
    expect(capped.messages.map((m) => m.seq)).toEqual([3, 4]);
    expect(capped.hasMore).toBe(true);
    // By content alone all four would have fitted.
    expect(4 * contentBytes('[File] n')).toBeLessThan(onePlus);
  });
});
