// Browser runtime, but pure. A search snippet cut into plain and matched parts, from the
// server's [start, end) ranges (UTF-16 units); bad or overlapping ranges are skipped.

export interface SnippetPart {
  text: string;
  match: boolean;
}

export function snippetParts(snippet: string, matches: ReadonlyArray<readonly [number, number]>): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of [...matches].sort((a, b) => a[0] - b[0])) {
    if (start < at || end <= start || end > snippet.length) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), match: false });
    parts.push({ text: snippet.slice(start, end), match: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), match: false });
  return parts;
}
