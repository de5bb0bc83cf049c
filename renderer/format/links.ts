// Browser runtime, but pure. Finds the links in a message's text (linkify-it: schemes, bare
// "www." hosts and e-mail addresses), keeping only those the shell will open.
import LinkifyIt from 'linkify-it';

const linkify = new LinkifyIt().add('ftp:', null).add('//', null);
const openable = new Set(['http:', 'https:', 'mailto:']);

export type TextPart = { text: string } | { text: string; url: string };

function isOpenable(url: string): boolean {
  try {
    return openable.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The text cut into plain runs and links; each link keeps the words as written and its full url. */
export function linkParts(text: string): TextPart[] {
  const matches = (linkify.match(text) ?? []).filter((match) => isOpenable(match.url));
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of matches) {
    if (match.index > at) parts.push({ text: text.slice(at, match.index) });
    parts.push({ text: match.raw, url: match.url });
    at = match.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
