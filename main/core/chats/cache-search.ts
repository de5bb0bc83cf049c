// Node runtime. Searching the copies cached on this computer, for when the server cannot be
// asked: a case-insensitive substring match, newest first, bounded in what it reads and answers.
import type { Chat, Message, SearchHit } from '../../../protocol/contract.js';
import { limits } from '../../../protocol/limits.js';
import type { ChatCache } from '../cache/chat-cache.js';
import { isShown } from '../cache/actions.js';

/** Copies read at most per search: a huge cache answers what it found in them. */
export const cacheSearchScanMax = 50_000;
/** Code units of text kept before the match in a snippet, and in all. */
const snippetLead = 40;
const snippetLength = 120;

export async function searchCache(
  cache: Pick<ChatCache, 'messages'>,
  chats: readonly Chat[],
  q: string,
): Promise<SearchHit[]> {
  const needle = q.toLowerCase();
  if (needle === '') return [];
  const hits: SearchHit[] = [];
  let scanned = 0;
  for (const chat of chats) {
    const copies = await cache.messages(chat.who);
    for (let i = copies.length - 1; i >= 0 && scanned < cacheSearchScanMax; i--, scanned++) {
      const hit = match(chat, copies[i]!, needle);
      if (hit) hits.push(hit);
    }
  }
  return hits.sort((a, b) => b.date - a.date || b.id - a.id).slice(0, limits.searchMaxLimit);
}

function match(chat: Chat, message: Message, needle: string): SearchHit | null {
  if (!isShown(message) || message.recalled) return null;
  const text = message.attachments ? (message.caption ?? '') : message.content;
  const lower = text.toLowerCase();
  const at = lower.indexOf(needle);
  if (at < 0) return null;
  // Lower-casing may change a text's length (rarely): then the match is not marked.
  const exact = lower.length === text.length;
  const start = exact ? wholeStart(text, Math.max(0, at - snippetLead)) : 0;
  const kept = wholeSlice(text, start, start + snippetLength);
  // As the server's snippets: `…` where text was cut off, and one line.
  const lead = start > 0 ? '…' : '';
  const snippet = `${lead}${kept}${start + kept.length < text.length ? '…' : ''}`.replace(/[\r\n\t]/g, ' ');
  const from = at - start + lead.length;
  const to = Math.min(from + needle.length, lead.length + kept.length);
  return {
    who: chat.who,
    name: chat.name,
    seq: message.seq,
    id: message.id,
    date: message.date,
    snippet,
    matches: exact && from < to ? [[from, to]] : [],
  };
}

/** A start that does not split a surrogate pair. */
function wholeStart(text: string, start: number): number {
  return start > 0 && isLowSurrogate(text.charCodeAt(start)) ? start - 1 : start;
}

function wholeSlice(text: string, start: number, end: number): string {
  return text.slice(start, end < text.length && isLowSurrogate(text.charCodeAt(end)) ? end + 1 : end);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
