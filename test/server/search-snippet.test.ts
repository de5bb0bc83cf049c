// The part of a message a search hit shows: about 120 code points around the first match.
import { expect, it } from 'vitest';
import { snippetOf } from '../../server/chat/search-snippet.js';

it('keeps a short text whole, on one line, with every match marked', () => {
  expect(snippetOf('Cat\ncatalog CAT', 'cat')).toEqual({
    snippet: 'Cat catalog CAT',
    matches: [
      [0, 3],
      [4, 7],
      [12, 15],
    ],
  });
});

it('starts 40 code points before a late match and counts marks in UTF-16 units', () => {
  const text = `${'😀'.repeat(100)}find me${'a'.repeat(100)}`;
  const { snippet, matches } = snippetOf(text, 'FIND');
  expect(snippet).toBe(`…${'😀'.repeat(40)}find me${'a'.repeat(73)}…`);
  expect(matches).toEqual([[81, 85]]);
  expect(snippet.slice(81, 85)).toBe('find');
});

it('ends at the text’s end when the match is near it', () => {
  const { snippet } = snippetOf(`${'b'.repeat(300)}end`, 'end');
  expect(snippet).toBe(`…${'b'.repeat(117)}end`);
});
