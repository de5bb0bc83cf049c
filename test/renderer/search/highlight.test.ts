// A search snippet cut at the server's match ranges.
import { describe, expect, it } from 'vitest';
import { snippetParts } from '../../../renderer/search/highlight.js';

describe('snippetParts', () => {
  it('cuts the snippet into plain and matched parts, in order', () => {
    expect(
      snippetParts('lunch at noon, lunch?', [
        [15, 20],
        [0, 5],
      ]),
    ).toEqual([
      { text: 'lunch', match: true },
      { text: ' at noon, ', match: false },
      { text: 'lunch', match: true },
      { text: '?', match: false },
    ]);
  });

  it('skips ranges that overlap, are empty or reach past the end', () => {
    expect(
      snippetParts('午饭吃什么', [
        [0, 2],
        [1, 3],
        [3, 3],
        [4, 9],
      ]),
    ).toEqual([
      { text: '午饭', match: true },
      { text: '吃什么', match: false },
    ]);
  });
});
