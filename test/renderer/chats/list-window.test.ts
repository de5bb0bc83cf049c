// The virtualized chat list's pure parts: where the keys move focus, and which rows it renders.
import { describe, expect, it } from 'vitest';
import { rowAfterKey, tabStopIndex, withKeptRow } from '../../../renderer/chats/list-window.js';

describe('rowAfterKey', () => {
  it('moves one row with the arrows and stops at either end', () => {
    expect(rowAfterKey('ArrowDown', 3, 1000)).toBe(4);
    expect(rowAfterKey('ArrowUp', 3, 1000)).toBe(2);
    expect(rowAfterKey('ArrowDown', 999, 1000)).toBe(999);
    expect(rowAfterKey('ArrowUp', 0, 1000)).toBe(0);
  });

  it('goes to the first and the last row with Home and End', () => {
    expect(rowAfterKey('Home', 500, 1000)).toBe(0);
    expect(rowAfterKey('End', 5, 1000)).toBe(999);
  });

  it('moves a page with PageUp and PageDown, stopping at either end', () => {
    expect(rowAfterKey('PageDown', 3, 1000, 9)).toBe(12);
    expect(rowAfterKey('PageUp', 12, 1000, 9)).toBe(3);
    expect(rowAfterKey('PageUp', 3, 1000, 9)).toBe(0);
    expect(rowAfterKey('PageDown', 995, 1000, 9)).toBe(999);
    expect(rowAfterKey('PageDown', 3, 1000, 0)).toBe(4);
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(rowAfterKey('Enter', 3, 1000)).toBeNull();
    expect(rowAfterKey('Tab', 3, 1000)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0)).toBeNull();
  });
});

describe('tabStopIndex', () => {
  const rows = [{ who: 7 }, { who: 8 }, { who: 9 }];

  it('is the row last focused, else the open chat, else the first row', () => {
    expect(tabStopIndex(rows, 9, 8)).toBe(2);
    expect(tabStopIndex(rows, null, 8)).toBe(1);
    expect(tabStopIndex(rows, null, null)).toBe(0);
  });

  it('skips a focused or open chat that left the list, and is -1 for an empty list', () => {
    expect(tabStopIndex(rows, 42, 8)).toBe(1);
    expect(tabStopIndex(rows, 42, 43)).toBe(0);
    expect(tabStopIndex([], 7, 7)).toBe(-1);
  });
});

describe('withKeptRow', () => {
  it('adds the focused row to the rows in view, in list order', () => {
    expect(withKeptRow([10, 11, 12], 2)).toEqual([2, 10, 11, 12]);
    expect(withKeptRow([10, 11, 12], 900)).toEqual([10, 11, 12, 900]);
  });

  it('adds nothing when the focused row is in view or there is none', () => {
    expect(withKeptRow([10, 11, 12], 11)).toEqual([10, 11, 12]);
    expect(withKeptRow([10, 11, 12], -1)).toEqual([10, 11, 12]);
  });
});
