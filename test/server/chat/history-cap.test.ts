// The byte bound of a history page counts what a message with files adds: its caption and its
// attachments' JSON, not only the placeholder content.
import { describe, expect, it } from 'vitest';
import type { Attachment, Message } from '../../../protocol/contract.js';
import { capAroundPage, capHistoryPage, contentBytes, messageBytes } from '../../../server/chat/history-cap.js';

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

  it('keeps an aroundSeq page centred on its seq, growing outwards while it fits', () => {
    const page = { messages: [1, 2, 3, 4, 5, 6].map((seq) => message(seq)), hasMore: false };
    const each = messageBytes(page.messages[0]!);
    const seqs = (around: number, copies: number) =>
      capAroundPage(page, around, each * copies).messages.map((m) => m.seq);
    expect(seqs(3, 1)).toEqual([3]);
    expect(seqs(3, 2)).toEqual([3, 4]);
    expect(seqs(3, 3)).toEqual([2, 3, 4]);
    expect(seqs(6, 3)).toEqual([4, 5, 6]);
    expect(seqs(1, 2)).toEqual([1, 2]);
    expect(capAroundPage(page, 3, each * 2).hasMore).toBe(true);
    expect(capAroundPage(page, 3, each * 6)).toBe(page);
    // Always the one copy, even when it alone is over the bound.
    const big = { messages: [message(1), message(2, { content: 'x'.repeat(100) }), message(3)], hasMore: false };
    expect(capAroundPage(big, 2, 10).messages.map((m) => m.seq)).toEqual([2]);
  });
});
